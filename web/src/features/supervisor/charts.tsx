import { Card, Col, Empty, Row } from 'antd';
import { useMemo } from 'react';
import type { ComplaintAnalysis, ContactStats } from '../../api/stats.ts';
import { useI18n } from '../../app/i18n.tsx';
import { intentLabel, typeLabel } from '../shared/taxonomy.ts';
import type { CaseFilter } from './CaseListDrawer.tsx';
import { Chart } from './Chart.tsx';
import type { ContactFilter } from './ContactListDrawer.tsx';
import type { EChartsOption } from './echarts.ts';

const TYPES = ['consult', 'transaction', 'complaint', 'emergency'] as const;
const TYPE_PALETTE = ['#5b8ff9', '#5ad8a6', '#f6bd16', '#e8684a', '#bfbfbf'];
const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** A day's contacts that carry no type. */
export function unclassified(day: ContactStats['byDay'][number]): number {
  return day.total - TYPES.reduce((n, ty) => n + (day.byType[ty] ?? 0), 0);
}

/** Contacts by type per day (stacked) and the most frequent intents per day; each bar opens its contacts. */
export function ContactCharts({
  stats,
  onDrill,
}: {
  stats: ContactStats | undefined;
  /** Opens the contacts behind a bar. */
  onDrill(filter: ContactFilter): void;
}) {
  const { t, locale } = useI18n();
  const days = stats?.byDay ?? [];
  const drillType = (i: number, series: number) => {
    const date = days[i]?.date;
    if (!date) return;
    const ty = TYPES[series];
    onDrill({
      title: `${date} · ${ty ? typeLabel(ty, locale) : t('未分类', 'Unclassified')}`,
      query: { from: date, to: date, type: ty ?? 'unclassified' },
    });
  };
  const topIntents = useMemo(
    () => [...(stats?.intentTotals ?? [])].sort((x, y) => y.count - x.count).slice(0, 5),
    [stats],
  );
  const drillIntent = (i: number, series: number) => {
    const date = days[i]?.date;
    const intent = topIntents[series]?.intent;
    if (date && intent) {
      onDrill({ title: `${date} · ${intentLabel(intent, locale)}`, query: { from: date, to: date, intent } });
    }
  };
  const byType = useMemo<EChartsOption>(
    () => ({
      textStyle: { fontFamily: FONT },
      color: TYPE_PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: (stats?.byDay ?? []).map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        ...TYPES.map((ty) => ({
          name: typeLabel(ty, locale),
          type: 'bar' as const,
          stack: 'type',
          data: (stats?.byDay ?? []).map((d) => d.byType[ty] ?? 0),
        })),
        // Contacts nobody classified still happened: the day's total minus the classified ones.
        {
          name: t('未分类', 'Unclassified'),
          type: 'bar' as const,
          stack: 'type',
          data: (stats?.byDay ?? []).map((d) => unclassified(d)),
        },
      ],
    }),
    [stats, locale, t],
  );
  // Intents per day: the five most frequent of the period, stacked per day.
  const intents = useMemo<EChartsOption>(() => {
    const days = (stats?.byDay ?? []).map((d) => d.date);
    const top = topIntents;
    const count = new Map((stats?.byIntent ?? []).map((r) => [`${r.date}|${r.intent}`, r.count]));
    return {
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 36, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: top.map((i) => ({
        name: intentLabel(i.intent, locale),
        type: 'bar',
        stack: 'intent',
        barMaxWidth: 18,
        data: days.map((d) => count.get(`${d}|${i.intent}`) ?? 0),
      })),
    };
  }, [stats, locale, topIntents]);
  return (
    <Row gutter={12}>
      <Col span={14}>
        <Card size="small" title={t('每日联络量(按类型)', 'Contacts per day by type')}>
          <Chart
            option={byType}
            label={t('每日联络量(按类型)', 'Contacts per day by type')}
            testId="chart-by-type"
            onPick={drillType}
          />
        </Card>
      </Col>
      <Col span={10}>
        <Card size="small" title={t('每日意图趋势(前五)', 'Top five intents per day')}>
          <Chart
            option={intents}
            label={t('每日意图趋势(前五)', 'Top five intents per day')}
            testId="chart-intents"
            onPick={drillIntent}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** Causes of closed complaints only: open ones have no cause yet (the analysis' `open` bucket). */
function closedCauses(analysis: ComplaintAnalysis) {
  return analysis.byRootCause.filter((b) => b.key !== 'open');
}

/** Complaints by root cause and product, and SLA compliance by month. */
export function ComplaintCharts({
  analysis,
  onDrill,
}: {
  analysis: ComplaintAnalysis | undefined;
  /** Opens the cases behind a slice or bar. */
  onDrill(filter: CaseFilter): void;
}) {
  const { t } = useI18n();
  const range = analysis ? { receivedFrom: analysis.from, receivedTo: analysis.to } : {};
  const drillCause = (i: number) => {
    const b = analysis ? closedCauses(analysis)[i] : undefined;
    if (b) onDrill({ title: `${t('根因', 'Root cause')}: ${b.label}`, query: { ...range, rootCause: b.key } });
  };
  const drillProduct = (i: number) => {
    const b = analysis?.byProduct[i];
    if (b) onDrill({ title: `${t('产品', 'Product')}: ${b.label}`, query: { ...range, product: b.key } });
  };
  const causes = useMemo<EChartsOption>(
    () => ({
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          center: ['35%', '50%'],
          label: { show: false },
          data: (analysis ? closedCauses(analysis) : []).map((b) => ({ name: b.label, value: b.total })),
        },
      ],
    }),
    [analysis],
  );
  const products = useMemo<EChartsOption>(
    () => ({
      textStyle: { fontFamily: FONT },
      color: ['#f6bd16', '#e8684a'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 48 },
      xAxis: {
        type: 'category',
        data: (analysis?.byProduct ?? []).map((b) => b.label),
        axisLabel: { interval: 0, rotate: 20 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('投诉', 'Complaints'), type: 'bar', data: (analysis?.byProduct ?? []).map((b) => b.total) },
        { name: t('超期', 'Breached'), type: 'bar', data: (analysis?.byProduct ?? []).map((b) => b.breached) },
      ],
    }),
    [analysis, t],
  );
  const sla = useMemo<EChartsOption>(
    () => ({
      textStyle: { fontFamily: FONT },
      color: ['#5ad8a6', '#5b8ff9'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 44, right: 44, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: (analysis?.byMonth ?? []).map((b) => b.label) },
      yAxis: [
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        { type: 'value', minInterval: 1 },
      ],
      series: [
        {
          name: t('时效达标率', 'SLA compliance'),
          type: 'line',
          data: (analysis?.byMonth ?? []).map((b) => (b.slaRate == null ? null : Math.round(b.slaRate * 1000) / 10)),
        },
        {
          name: t('投诉量', 'Complaints'),
          type: 'bar',
          yAxisIndex: 1,
          barMaxWidth: 24,
          data: (analysis?.byMonth ?? []).map((b) => b.total),
        },
      ],
    }),
    [analysis, t],
  );
  return (
    <Row gutter={12}>
      <Col span={8}>
        <Card size="small" title={t('已结案投诉根因分布', 'Closed complaints by root cause')}>
          {analysis && closedCauses(analysis).length === 0 ? (
            <Empty
              style={{ height: 228 }}
              data-testid="root-cause-empty"
              description={t('所选期间暂无已结案投诉', 'No complaint closed in this period')}
            />
          ) : (
            <Chart
              option={causes}
              label={t('已结案投诉根因分布', 'Closed complaints by root cause')}
              testId="chart-root-cause"
              onPick={drillCause}
            />
          )}
        </Card>
      </Col>
      <Col span={8}>
        <Card size="small" title={t('各产品投诉', 'Complaints by product')}>
          <Chart
            option={products}
            label={t('各产品投诉', 'Complaints by product')}
            testId="chart-product"
            onPick={drillProduct}
          />
        </Card>
      </Col>
      <Col span={8}>
        <Card size="small" title={t('投诉时效达标率(按月)', 'Complaint SLA by month')}>
          <Chart option={sla} label={t('投诉时效达标率(按月)', 'Complaint SLA by month')} testId="chart-sla" />
        </Card>
      </Col>
    </Row>
  );
}
