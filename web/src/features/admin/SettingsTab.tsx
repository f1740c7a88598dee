import { Alert, Button, Card, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useAction, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { BotRoutingCard } from './BotRoutingCard.tsx';
import { getSettings, putSettings, SETTINGS_MODULES, type SettingsModule } from './catalog.api.ts';

/**
 * Rule settings: the figures the fact sheet could not confirm, and each bank's own choices, live in the
 * modules' settings. The admin edits them as JSON; the server validates every field and refuses bad input.
 */
export function SettingsTab() {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      {SETTINGS_MODULES.map((m) => (
        <SettingsCard key={m.key} module={m} />
      ))}
      <BotRoutingCard />
    </Space>
  );
}

function SettingsCard({ module }: { module: SettingsModule }) {
  const { t } = useI18n();
  const current = useLoad((s) => getSettings(module.path, s), [module.path]);
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  useEffect(() => {
    if (current.data) setText(JSON.stringify(current.data, null, 2));
  }, [current.data]);
  const save = useAction((key, patch: Record<string, unknown>) => putSettings(key, module.path, patch), {
    success: t('已保存', 'Saved'),
  });
  const submit = async () => {
    let patch: Record<string, unknown>;
    try {
      patch = JSON.parse(text) as Record<string, unknown>;
    } catch {
      setParseError(t('不是有效的 JSON', 'Not valid JSON'));
      return;
    }
    setParseError(null);
    if (await save.run(patch)) current.reload();
  };
  return (
    <Card size="small" title={t(module.zh, module.en)}>
      <ErrorNote error={current.error} retry={current.reload} />
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 6, maxRows: 24 }}
        className="cd-mono"
        spellCheck={false}
        aria-label={t(module.zh, module.en)}
      />
      {parseError && <Alert type="error" showIcon message={parseError} style={{ marginTop: 8 }} />}
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" onClick={submit} loading={save.busy} disabled={!current.data}>
          {t('保存', 'Save')}
        </Button>
        <Button onClick={() => current.data && setText(JSON.stringify(current.data, null, 2))}>
          {t('还原', 'Revert')}
        </Button>
      </Space>
    </Card>
  );
}
