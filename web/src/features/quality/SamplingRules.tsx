import { Button, Card, InputNumber, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { getSamplingRules, type SamplingRules, setSamplingRules } from '../../api/quality.ts';
import { useAction, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';

/**
 * The sampling rules for human review (issue 19 §4): every fatal, every failed critical item, every score
 * under the threshold, every complaint, and a random share of each agent's results per week. Inspectors
 * and supervisors read them; the QA lead (`qa.scorecard.edit`) changes them.
 */
export function SamplingRulesCard({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const loaded = useLoad((signal) => getSamplingRules(signal), []);
  const [rules, setRules] = useState<SamplingRules | null>(null);
  useEffect(() => {
    if (loaded.data) setRules(loaded.data);
  }, [loaded.data]);
  const save = useAction((key, r: SamplingRules) => setSamplingRules(key, r), {
    success: t('抽检规则已保存', 'Sampling rules saved'),
  });
  if (!rules) return <Typography.Text type="secondary">{t('加载中…', 'Loading…')}</Typography.Text>;
  const flag = (key: 'fatal' | 'critical' | 'complaint', label: string) => (
    <Space>
      <Switch
        checked={rules[key]}
        disabled={!editable}
        data-testid={`qa-sampling-${key}`}
        onChange={(v) => setRules({ ...rules, [key]: v })}
      />
      {label}
    </Space>
  );
  return (
    <Card size="small" title={t('抽检规则', 'Sampling rules')} data-testid="qa-sampling">
      <Space direction="vertical">
        {flag('fatal', t('致命项不通过的全部抽检', 'Every result with a failed fatal item'))}
        {flag('critical', t('严重项不通过的全部抽检', 'Every result with a failed critical item'))}
        {flag('complaint', t('投诉联络全部抽检', 'Every complaint'))}
        <Space>
          {t('得分低于', 'Every score below')}
          <InputNumber
            min={0}
            max={100}
            value={rules.scoreBelow}
            disabled={!editable}
            data-testid="qa-sampling-score-below"
            onChange={(v) => setRules({ ...rules, scoreBelow: Number(v ?? 0) })}
          />
          {t('分的全部抽检(0 为不启用)', '(0: off)')}
        </Space>
        <Space>
          {t('每名坐席每周随机抽检', 'A random share of each agent’s results per week:')}
          <InputNumber
            min={0}
            max={100}
            step={1}
            value={Math.round(rules.randomShare * 1000) / 10}
            disabled={!editable}
            data-testid="qa-sampling-random-share"
            onChange={(v) => setRules({ ...rules, randomShare: Number(v ?? 0) / 100 })}
          />
          %{t('(向上取整,每周至少一条)', ' (rounded up: at least one a week)')}
        </Space>
        {editable && (
          <Button
            type="primary"
            loading={save.busy}
            data-testid="qa-sampling-save"
            onClick={async () => {
              const saved = await save.run(rules);
              if (saved) setRules(saved);
            }}
          >
            {t('保存', 'Save')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
