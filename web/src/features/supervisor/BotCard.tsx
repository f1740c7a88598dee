import { Card, Col, Empty, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { botMetrics } from '../../api/bot.ts';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { HANDOVER_REASON } from '../shared/botLabels.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { Chart } from './Chart.tsx';
import type { EChartsOption } from './echarts.ts';

const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The chat assistant measured (issue 20 §6) over the period: containment (closed by the assistant, no
 * hand-over, no repeat contact within 7 days), hand-overs by reason, the customers' wrong-answer reports,
 * and satisfaction of the chats it closed against the chats a person handled.
 */
export function BotCard({ from, to }: { from: string; to: string }) {
  const { t, locale } = useI18n();
  const metrics = useLoad((s) => botMetrics({ from, to }, s), [from, to]);
  const m = metrics.data;
  const reasons = useMemo<EChartsOption>(
    () => ({
      textStyle: { fontFamily: FONT },
      color: ['#5b8ff9'],
      tooltip: { trigger: 'axis' },
      grid: { left: 150, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: (m?.handoverReasons ?? []).map((r) => HANDOVER_REASON[r.reason][locale === 'en' ? 1 : 0]),
      },
      series: [
        {
          name: t('转人工次数', 'Hand-overs'),
          type: 'bar',
          data: (m?.handoverReasons ?? []).map((r) => r.count),
        },
      ],
    }),
    [m, locale, t],
  );
  const rating = (r: { rated: number; average: number | null } | undefined) =>
    r?.average != null ? `${r.average.toFixed(2)} · ${r.rated}${t('条', '')}` : '—';
  return (
    <Card size="small" title={t('智能助手', 'Chat assistant')} data-testid="bot-metrics">
      <ErrorNote error={metrics.error} retry={metrics.reload} />
      <Row gutter={12}>
        <Col span={10}>
          <Row gutter={[12, 12]}>
            <Col span={12} data-testid="bot-containment">
              <Statistic
                title={t('自助解决率', 'Containment')}
                value={m ? pct(m.containmentRate) : '—'}
                suffix={
                  m ? <span className="cd-muted" style={{ fontSize: 12 }}>{`${m.contained}/${m.chats}`}</span> : null
                }
                valueStyle={{ fontSize: 20 }}
              />
            </Col>
            <Col span={12} data-testid="bot-handed-over">
              <Statistic
                title={t('转人工', 'Handed over')}
                value={m ? m.handedOver : '—'}
                valueStyle={{ fontSize: 20 }}
              />
            </Col>
            <Col span={12} data-testid="bot-wrong-reports">
              <Statistic
                title={t('答错反馈', 'Reported wrong')}
                value={m ? `${m.wrongReports} · ${pct(m.wrongReportRate)}` : '—'}
                valueStyle={{ fontSize: 20 }}
              />
            </Col>
            <Col span={12} data-testid="bot-satisfaction">
              <Statistic
                title={t('满意度 助手 / 人工', 'Satisfaction bot / person')}
                value={m ? `${rating(m.satisfaction.bot)} / ${rating(m.satisfaction.person)}` : '—'}
                valueStyle={{ fontSize: 14 }}
              />
            </Col>
          </Row>
        </Col>
        <Col span={14}>
          {m && m.handoverReasons.length === 0 ? (
            <Empty description={t('本期没有转人工', 'No hand-overs in the period')} />
          ) : (
            <Chart
              option={reasons}
              height={180}
              label={t('转人工原因', 'Hand-over reasons')}
              testId="bot-handover-chart"
            />
          )}
        </Col>
      </Row>
    </Card>
  );
}
