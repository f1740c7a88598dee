import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { casesEndpoints } from '@carddesk/contracts/endpoints';
import { App, Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { complaintAnalysis } from '../../api/cases.ts';
import { contactStats } from '../../api/stats.ts';
import { download } from '../../app/api.ts';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { Session } from '../../app/session.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { duration } from '../shared/format.ts';
import { AlertsCard } from './AlertsCard.tsx';
import { BotCard } from './BotCard.tsx';
import { type CaseFilter, CaseListDrawer } from './CaseListDrawer.tsx';
import { type ContactFilter, ContactListDrawer } from './ContactListDrawer.tsx';
import { ComplaintCharts, ContactCharts } from './charts.tsx';
import { DeadlineCases } from './DeadlineCases.tsx';
import { LiveFloorCard } from './LiveFloorCard.tsx';

/** Today in the bank's zone (Asia/Shanghai), as YYYY-MM-DD. */
function bankToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The supervisor's dashboard: live queues and agents, cases near or past their regulatory deadline,
 * alerts (agent well-being, missed promises), and the period's figures — contacts by type and intent per
 * day, first-contact resolution, satisfaction, complaints by root cause and product, SLA compliance —
 * with the complaint analysis exported to Excel.
 */
export default function SupervisorDashboard(_: { session: Session }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [range, setRange] = useState<[string, string]>(() => {
    const to = bankToday();
    return [dayjs(to).subtract(29, 'day').format('YYYY-MM-DD'), to];
  });
  const [from, to] = range;
  const stats = useLoad((s) => contactStats({ from, to }, s), [from, to]);
  const analysis = useLoad((s) => complaintAnalysis({ from, to }, s), [from, to]);
  const [exporting, setExporting] = useState(false);
  const [drill, setDrill] = useState<CaseFilter | null>(null);
  const [contactDrill, setContactDrill] = useState<ContactFilter | null>(null);
  const period = { from, to };

  const exportExcel = async () => {
    setExporting(true);
    try {
      await download(casesEndpoints.analysisWorkbook, { query: { from, to } }, `complaint-analysis-${from}-${to}.xlsx`);
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };

  const s = stats.data;
  const a = analysis.data;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="supervisor-dashboard">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
          {t('监控看板', 'Supervisor dashboard')}
        </Typography.Title>
        <Space>
          <DateInput label={t('开始日期', 'From')} value={from} max={to} onChange={(v) => setRange([v, to])} />
          <span className="cd-muted">—</span>
          <DateInput label={t('结束日期', 'To')} value={to} min={from} onChange={(v) => setRange([from, v])} />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              stats.reload();
              analysis.reload();
            }}
            aria-label={t('刷新', 'Refresh')}
          />
          <Button icon={<DownloadOutlined />} onClick={exportExcel} loading={exporting} data-testid="export-analysis">
            {t('导出投诉分析', 'Export complaint analysis')}
          </Button>
        </Space>
      </div>

      <Row gutter={12}>
        <Col span={18}>
          <LiveFloorCard />
        </Col>
        <Col span={6}>
          <AlertsCard />
        </Col>
      </Row>

      <ErrorNote error={stats.error} retry={stats.reload} />
      <ErrorNote error={analysis.error} retry={analysis.reload} />
      <Row gutter={12}>
        {[
          {
            title: t('联络量', 'Contacts'),
            value: s?.total ?? '—',
            contacts: { title: t('本期联络', 'Contacts in the period'), query: period },
          },
          {
            title: t('首次解决率', 'First-contact resolution'),
            value: s?.firstContactResolutionRate != null ? `${(s.firstContactResolutionRate * 100).toFixed(1)}%` : '—',
            contacts: {
              title: t('本期当场解决的联络', 'Resolved on first contact'),
              query: { ...period, outcome: 'resolved_first_contact' as const },
            },
          },
          {
            title: t('满意度(5分制)', 'Satisfaction (of 5)'),
            value:
              s?.averageSatisfaction != null ? `${s.averageSatisfaction.toFixed(2)} · ${s.rated}${t('条', '')}` : '—',
            contacts: { title: t('本期有评价的联络', 'Rated contacts'), query: { ...period, rated: 'true' as const } },
          },
          {
            title: t('平均处理时长', 'Average handling'),
            value: s?.averageHandlingSeconds != null ? duration(s.averageHandlingSeconds) : '—',
            contacts: {
              title: t('本期已结束的联络', 'Closed contacts'),
              query: { ...period, status: 'closed' as const },
            },
          },
          {
            title: t('投诉量', 'Complaints'),
            value: a?.totals.total ?? '—',
            drill: { title: t('本期投诉', 'Complaints in the period'), query: { receivedFrom: from, receivedTo: to } },
          },
          {
            title: t('投诉时效达标率', 'Complaint SLA compliance'),
            value: a?.totals.slaRate != null ? `${(a.totals.slaRate * 100).toFixed(1)}%` : '—',
            drill: {
              title: t('已超监管时限的投诉', 'Complaints past their deadline'),
              query: { receivedFrom: from, receivedTo: to, overdue: 'true' as const },
            },
          },
        ].map((k: { title: string; value: string | number; drill?: CaseFilter; contacts?: ContactFilter }) => (
          <Col span={4} key={k.title}>
            <Card
              size="small"
              hoverable
              onClick={() => (k.drill ? setDrill(k.drill) : setContactDrill(k.contacts ?? null))}
              data-testid={`kpi-${k.title}`}
            >
              <Statistic title={k.title} value={k.value} valueStyle={{ fontSize: 20 }} />
            </Card>
          </Col>
        ))}
      </Row>

      <ContactCharts stats={s} onDrill={setContactDrill} />
      <BotCard from={from} to={to} />
      <ComplaintCharts analysis={a} onDrill={setDrill} />
      <DeadlineCases />
      <CaseListDrawer filter={drill} onClose={() => setDrill(null)} />
      <ContactListDrawer filter={contactDrill} onClose={() => setContactDrill(null)} />
    </div>
  );
}

/** A native date field: light (the dashboard's first load stays small) and keyboard-friendly. */
function DateInput({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: string;
  min?: string;
  max?: string;
  onChange(v: string): void;
}) {
  return (
    <input
      type="date"
      aria-label={label}
      value={value}
      min={min}
      max={max}
      onChange={(e) => {
        if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) onChange(e.target.value);
      }}
      style={{ font: 'inherit', height: 30, padding: '0 8px', border: '1px solid #d0d5dd', borderRadius: 4 }}
    />
  );
}
