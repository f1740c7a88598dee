import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type ReactElement, useMemo, useState } from 'react';
import {
  type CalibrationReport,
  calibrationReport,
  closeCalibration,
  downloadQaResults,
  draftScorecard,
  type FindingResult,
  getInspection,
  listAppeals,
  listCalibrations,
  listScorecards,
  publishScorecard,
  type QaAppeal,
  type QaInspection,
  qaStats,
  reinspectAppeal,
  reviewQueue,
  ruleAppeal,
  type ScorecardSummary,
  startCalibration,
  submitCalibration,
} from '../../api/quality.ts';
import { useAction, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { may } from '../../app/permissions.ts';
import type { Session } from '../../app/session.ts';
import { Chart } from '../supervisor/Chart.tsx';
import type { EChartsOption } from '../supervisor/echarts.ts';
import { APPEAL_STATUS, DECISION, InspectionDetail } from './InspectionDetail.tsx';
import { SamplingRulesCard } from './SamplingRules.tsx';

const REASONS: Record<string, [string, string]> = {
  fatal: ['致命项', 'Fatal item'],
  critical: ['严重项', 'Critical item'],
  low_score: ['低分', 'Low score'],
  complaint: ['投诉', 'Complaint'],
  random: ['随机抽检', 'Random'],
};

/**
 * The QA portal (质检): the sampled queue with the transcript and evidence, the appeals inbox (inspectors
 * re-inspect, supervisors rule), scorecards (a draft published by a second person), calibration rounds and
 * the per item / agent / team figures. Tabs by permission.
 */
export default function QualityPortal({ session }: { session: Session }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const tabs = [
    may(session, 'qa.review') && {
      key: 'queue',
      label: t('抽检队列', 'Review queue'),
      children: <Queue onOpen={setOpen} />,
    },
    (may(session, 'qa.review') || may(session, 'qa.appeal.rule')) && {
      key: 'appeals',
      label: t('申诉', 'Appeals'),
      children: <AppealsInbox session={session} onOpen={setOpen} />,
    },
    may(session, 'qa.inspect') && {
      key: 'scorecards',
      label: t('评分表', 'Scorecards'),
      children: <Scorecards session={session} />,
    },
    may(session, 'qa.inspect') && {
      key: 'sampling',
      label: t('抽检规则', 'Sampling'),
      children: <SamplingRulesCard editable={may(session, 'qa.scorecard.edit')} />,
    },
    may(session, 'qa.calibrate') && {
      key: 'calibration',
      label: t('校准', 'Calibration'),
      children: <Calibrations session={session} />,
    },
    may(session, 'qa.inspect') && { key: 'stats', label: t('质检统计', 'Figures'), children: <Stats /> },
  ].filter((x): x is { key: string; label: string; children: ReactElement } => Boolean(x));
  return (
    <div data-testid="qa-portal">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('智能质检', 'Quality inspection')}
      </Typography.Title>
      <Tabs items={tabs} destroyInactiveTabPane />
      <Drawer
        open={open !== null}
        width={860}
        title={t('质检详情', 'Inspection')}
        onClose={() => setOpen(null)}
        destroyOnClose
      >
        {open && <InspectionDetail id={open} mode={may(session, 'qa.review') ? 'review' : 'read'} />}
      </Drawer>
    </div>
  );
}

function Queue({ onOpen }: { onOpen(id: string): void }) {
  const { t } = useI18n();
  const queue = useLoad((signal) => reviewQueue(signal), []);
  return (
    <>
      <Button size="small" onClick={queue.reload} style={{ marginBottom: 8 }}>
        {t('刷新', 'Refresh')}
      </Button>
      <Table<QaInspection>
        size="small"
        rowKey="id"
        loading={queue.loading}
        dataSource={queue.data ?? []}
        data-testid="qa-queue"
        onRow={(r) =>
          ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' }, 'data-contact': r.contactId ?? '' }) as object
        }
        columns={[
          { title: t('时间', 'When'), dataIndex: 'createdAt', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
          { title: t('渠道', 'Channel'), dataIndex: 'channel' },
          { title: t('坐席工号', 'Agent no.'), dataIndex: 'agentNo' },
          { title: t('得分', 'Score'), dataIndex: 'score' },
          {
            title: t('抽检原因', 'Why sampled'),
            dataIndex: 'sampleReasons',
            render: (rs: string[]) =>
              rs.map((r) => (
                <Tag key={r} color={r === 'fatal' ? 'red' : 'default'}>
                  {t(...(REASONS[r] ?? [r, r]))}
                </Tag>
              )),
          },
          {
            title: t('未通过项', 'Failed items'),
            key: 'failed',
            render: (_, r) =>
              r.findings
                .filter((f) => f.result === 'fail')
                .map((f) => f.item)
                .join(', '),
          },
        ]}
      />
    </>
  );
}

function AppealsInbox({ session, onOpen }: { session: Session; onOpen(id: string): void }) {
  const { t } = useI18n();
  const inspector = may(session, 'qa.review');
  const [status, setStatus] = useState<'open' | 'reinspected' | 'final'>(inspector ? 'open' : 'reinspected');
  const appeals = useLoad((signal) => listAppeals(status, signal), [status]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const decide = useAction(
    (key, a: QaAppeal, decision: 'upheld' | 'overturned') => {
      const body = { decision, note: notes[a.id]?.trim() ?? '' };
      return a.status === 'open' ? reinspectAppeal(key, a.id, body) : ruleAppeal(key, a.id, body);
    },
    { success: t('已处理', 'Done') },
  );
  const canAct = (a: QaAppeal) =>
    (a.status === 'open' && inspector) || (a.status === 'reinspected' && may(session, 'qa.appeal.rule'));
  return (
    <>
      <Select
        value={status}
        onChange={setStatus}
        style={{ width: 160, marginBottom: 8 }}
        options={(['open', 'reinspected', 'final'] as const).map((s) => ({ value: s, label: t(...APPEAL_STATUS[s]) }))}
        data-testid="qa-appeal-filter"
      />
      <Table<QaAppeal>
        size="small"
        rowKey="id"
        loading={appeals.loading}
        dataSource={appeals.data ?? []}
        data-testid="qa-appeals"
        columns={[
          { title: t('质检项', 'Item'), dataIndex: 'item' },
          { title: t('申诉理由', 'Comment'), dataIndex: 'comment' },
          {
            title: t('复核意见', 'Re-inspection'),
            key: 'inspector',
            render: (_, a) =>
              a.inspectorDecision ? `${t(...DECISION[a.inspectorDecision])} · ${a.inspectorNote ?? ''}` : '—',
          },
          {
            title: t('裁定', 'Ruling'),
            key: 'final',
            render: (_, a) => (a.finalDecision ? `${t(...DECISION[a.finalDecision])} · ${a.finalNote ?? ''}` : '—'),
          },
          {
            title: t('操作', 'Actions'),
            key: 'act',
            render: (_, a) => (
              <Space direction="vertical" size={4}>
                <Button size="small" type="link" onClick={() => onOpen(a.inspectionId)}>
                  {t('查看会话', 'Open')}
                </Button>
                {canAct(a) && (
                  <>
                    <Input
                      size="small"
                      data-testid={`qa-appeal-note-${a.id}`}
                      placeholder={t('意见', 'Note')}
                      value={notes[a.id] ?? ''}
                      onChange={(e) => setNotes((n) => ({ ...n, [a.id]: e.target.value }))}
                    />
                    <Space size={4}>
                      {(['upheld', 'overturned'] as const).map((d) => (
                        <Button
                          key={d}
                          size="small"
                          data-testid={`qa-appeal-${d}-${a.id}`}
                          disabled={(notes[a.id]?.trim().length ?? 0) < 2}
                          onClick={async () => (await decide.run(a, d)) && appeals.reload()}
                        >
                          {t(...DECISION[d])}
                        </Button>
                      ))}
                    </Space>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function Scorecards({ session }: { session: Session }) {
  const { t } = useI18n();
  const cards = useLoad((signal) => listScorecards(signal), []);
  const [editing, setEditing] = useState<{ code: string; text: string } | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const publish = useAction((key, id: string) => publishScorecard(key, id), {
    success: t('已发布', 'Published'),
  });
  const draft = useAction(
    (key, code: string, definition: Record<string, unknown>) => draftScorecard(key, code, definition),
    {
      success: t('草稿已保存', 'Draft saved'),
    },
  );
  const editor = may(session, 'qa.scorecard.edit');
  const startEdit = (card: ScorecardSummary) => {
    const base = card.versions.find((v) => v.status === 'draft') ?? card.versions.find((v) => v.status === 'published');
    setEditing({ code: card.code, text: JSON.stringify(base?.definition ?? {}, null, 2) });
    setParseError(null);
  };
  return (
    <>
      {(cards.data ?? []).map((card) => (
        <div key={card.code} style={{ marginBottom: 16 }} data-testid={`qa-scorecard-${card.code}`}>
          <Space>
            <Typography.Text strong>{card.name}</Typography.Text>
            <Typography.Text type="secondary">{card.code}</Typography.Text>
            {editor && (
              <Button size="small" onClick={() => startEdit(card)}>
                {t('编辑新版本', 'Edit a new version')}
              </Button>
            )}
          </Space>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={card.versions}
            columns={[
              { title: t('版本', 'Version'), dataIndex: 'version' },
              {
                title: t('状态', 'Status'),
                dataIndex: 'status',
                render: (s: string) => (
                  <Tag color={s === 'published' ? 'green' : s === 'draft' ? 'blue' : 'default'}>
                    {s === 'published'
                      ? t('生效中', 'Published')
                      : s === 'draft'
                        ? t('草稿', 'Draft')
                        : t('已停用', 'Retired')}
                  </Tag>
                ),
              },
              {
                title: t('质检项', 'Items'),
                key: 'items',
                render: (_, v) => ((v.definition as { items?: unknown[] }).items ?? []).length,
              },
              {
                title: t('发布时间', 'Published'),
                dataIndex: 'publishedAt',
                render: (x: string | null) => x?.slice(0, 10) ?? '—',
              },
              {
                title: t('操作', 'Actions'),
                key: 'act',
                render: (_, v) =>
                  editor && v.status === 'draft' ? (
                    <Button
                      size="small"
                      type="primary"
                      disabled={v.createdBy === session.user.id}
                      title={
                        v.createdBy === session.user.id ? t('须由另一人发布', 'Another person publishes') : undefined
                      }
                      onClick={async () => (await publish.run(v.id)) && cards.reload()}
                    >
                      {t('发布', 'Publish')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </div>
      ))}
      <Drawer
        open={editing !== null}
        width={720}
        title={t('编辑评分表(JSON)', 'Edit the scorecard (JSON)')}
        onClose={() => setEditing(null)}
        extra={
          <Button
            type="primary"
            loading={draft.busy}
            onClick={async () => {
              if (!editing) return;
              let definition: Record<string, unknown>;
              try {
                definition = JSON.parse(editing.text) as Record<string, unknown>;
              } catch (e) {
                setParseError(String(e));
                return;
              }
              if (await draft.run(editing.code, definition)) {
                setEditing(null);
                cards.reload();
              }
            }}
          >
            {t('保存为草稿', 'Save as a draft')}
          </Button>
        }
      >
        {parseError && <Alert type="error" message={parseError} style={{ marginBottom: 8 }} />}
        <Input.TextArea
          value={editing?.text ?? ''}
          onChange={(e) => setEditing((x) => (x ? { ...x, text: e.target.value } : x))}
          rows={30}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
        />
      </Drawer>
    </>
  );
}

const RESULT_LABEL: Record<FindingResult, [string, string]> = {
  pass: ['通过', 'Pass'],
  fail: ['不通过', 'Fail'],
  'n/a': ['不适用', 'N/A'],
};

/**
 * Calibration: the lead opens a round on a sampled inspection; every inspector (the lead too) scores its
 * items blind — the transcript only, never the machine's findings or another inspector's — and the lead
 * closes the round, which shows each inspector's and each item's deviation from the lead.
 */
function Calibrations({ session }: { session: Session }) {
  const { t } = useI18n();
  const rounds = useLoad((signal) => listCalibrations(signal), []);
  const queue = useLoad((signal) => reviewQueue(signal), []);
  const [pick, setPick] = useState<string | undefined>();
  const [scoring, setScoring] = useState<string | null>(null);
  const [report, setReport] = useState<CalibrationReport | null>(null);
  const start = useAction((key, inspectionId: string) => startCalibration(key, inspectionId), {
    success: t('校准已开始', 'Round started'),
  });
  const close = useAction((key, id: string) => closeCalibration(key, id), { success: t('校准已结束', 'Round closed') });
  const showReport = useAction((_key, id: string) => calibrationReport(id), { silent: true });
  const round = rounds.data?.find((r) => r.id === scoring);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="qa-calibration">
      <Space wrap>
        <Select
          style={{ minWidth: 360 }}
          placeholder={t('选择抽检记录', 'Pick a sampled inspection')}
          value={pick}
          onChange={setPick}
          data-testid="qa-calibration-pick"
          options={(queue.data ?? []).map((i) => ({
            value: i.id,
            label: `${i.agentNo ?? '—'} · ${i.channel} · ${i.createdAt.slice(0, 16).replace('T', ' ')}`,
          }))}
        />
        <Button
          type="primary"
          disabled={!pick}
          loading={start.busy}
          data-testid="qa-calibration-start"
          onClick={async () => {
            if (pick && (await start.run(pick))) {
              setPick(undefined);
              rounds.reload();
            }
          }}
        >
          {t('开始校准', 'Start a round')}
        </Button>
      </Space>
      <Table
        size="small"
        rowKey="id"
        dataSource={rounds.data ?? []}
        loading={rounds.loading}
        onRow={(r) => ({ 'data-round': r.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('开始', 'Started'),
            dataIndex: 'createdAt',
            render: (v: string) => v.slice(0, 16).replace('T', ' '),
          },
          { title: t('质检记录', 'Inspection'), dataIndex: 'inspectionId' },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (s: string) => (s === 'open' ? t('进行中', 'Open') : t('已结束', 'Closed')),
          },
          { title: t('我已评分', 'Scored by me'), dataIndex: 'submitted', render: (s: boolean) => (s ? '✓' : '—') },
          {
            title: t('操作', 'Actions'),
            key: 'act',
            render: (_: unknown, r) =>
              r.status === 'open' ? (
                <Space>
                  <Button size="small" data-testid={`qa-calibration-score-${r.id}`} onClick={() => setScoring(r.id)}>
                    {r.submitted ? t('修改评分', 'Change scores') : t('盲评', 'Score blind')}
                  </Button>
                  {r.leadId === session.user.id && (
                    <Button
                      size="small"
                      danger
                      loading={close.busy}
                      data-testid={`qa-calibration-close-${r.id}`}
                      onClick={async () => {
                        const done = await close.run(r.id);
                        if (done) {
                          setReport(done);
                          rounds.reload();
                        }
                      }}
                    >
                      {t('结束校准', 'Close the round')}
                    </Button>
                  )}
                </Space>
              ) : (
                <Button
                  size="small"
                  data-testid={`qa-calibration-report-${r.id}`}
                  onClick={async () => {
                    const got = await showReport.run(r.id);
                    if (got) setReport(got);
                  }}
                >
                  {t('查看偏差', 'Deviations')}
                </Button>
              ),
          },
        ]}
      />
      <Drawer
        open={round !== undefined}
        width={720}
        title={t('校准盲评', 'Blind calibration scores')}
        onClose={() => setScoring(null)}
        destroyOnHidden
      >
        {round && (
          <CalibrationForm
            roundId={round.id}
            inspectionId={round.inspectionId}
            onDone={() => {
              setScoring(null);
              rounds.reload();
            }}
          />
        )}
      </Drawer>
      {report && <CalibrationDeviation report={report} />}
    </Space>
  );
}

/** One inspector's blind form: the transcript and a pass / fail / n.a. choice per item, nothing the machine found. */
function CalibrationForm({ roundId, inspectionId, onDone }: { roundId: string; inspectionId: string; onDone(): void }) {
  const { t } = useI18n();
  const detail = useLoad((signal) => getInspection(inspectionId, signal), [inspectionId]);
  const [results, setResults] = useState<Record<string, FindingResult>>({});
  // The endpoint answers 204: the action returns true so that a sent form closes (undefined means it failed).
  const submit = useAction(
    async (key, r: Record<string, FindingResult>) => {
      await submitCalibration(key, roundId, r);
      return true;
    },
    { success: t('评分已提交', 'Scores sent') },
  );
  const d = detail.data;
  if (!d) return <Typography.Text type="secondary">{t('加载中…', 'Loading…')}</Typography.Text>;
  const complete = d.items.every((i) => results[i.code]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="qa-calibration-form">
      <Card size="small" title={t('会话记录', 'Transcript')}>
        {d.turns.length === 0 && <Typography.Text type="secondary">{t('无会话记录', 'No transcript')}</Typography.Text>}
        {d.turns.map((turn, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns are fixed, in order
          <div key={i} data-speaker={turn.speaker}>
            <Typography.Text strong>
              #{i}{' '}
              {turn.speaker === 'agent'
                ? t('坐席', 'Agent')
                : turn.speaker === 'customer'
                  ? t('客户', 'Customer')
                  : t('系统', 'System')}
            </Typography.Text>
            : {turn.text}
          </div>
        ))}
      </Card>
      {d.items.map((item) => (
        <Space key={item.code} style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{item.title}</span>
          <Radio.Group
            data-testid={`qa-calibration-item-${item.code}`}
            value={results[item.code]}
            onChange={(e) => setResults((r) => ({ ...r, [item.code]: e.target.value as FindingResult }))}
            options={(['pass', 'fail', 'n/a'] as const).map((v) => ({ value: v, label: t(...RESULT_LABEL[v]) }))}
          />
        </Space>
      ))}
      <Button
        type="primary"
        disabled={!complete}
        loading={submit.busy}
        data-testid="qa-calibration-submit"
        onClick={async () => {
          if (await submit.run(results)) onDone();
        }}
      >
        {t('提交评分', 'Send scores')}
      </Button>
    </Space>
  );
}

/** A closed round: how often each inspector and each item differs from the lead's scores. */
function CalibrationDeviation({ report }: { report: CalibrationReport }) {
  const { t } = useI18n();
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return (
    <Card size="small" title={t('校准偏差', 'Deviation from the lead')} data-testid="qa-calibration-report">
      <Typography.Paragraph data-testid="qa-calibration-lead">
        {t('参照组长评分:', 'Reference (the lead):')} {report.leadName}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="inspectorId"
        pagination={false}
        dataSource={report.inspectors}
        data-testid="qa-calibration-inspectors"
        onRow={(r) => ({ 'data-inspector': r.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('质检员', 'Inspector'), dataIndex: 'name' },
          { title: t('比对项', 'Compared'), dataIndex: 'compared' },
          { title: t('不一致', 'Differ'), dataIndex: 'differ' },
          { title: t('偏差率', 'Deviation'), dataIndex: 'deviation', render: pct },
        ]}
      />
      <Table
        size="small"
        rowKey="item"
        pagination={false}
        dataSource={report.items}
        data-testid="qa-calibration-items"
        onRow={(r) => ({ 'data-item': r.item }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('质检项', 'Item'), dataIndex: 'title' },
          { title: t('比对人数', 'Compared'), dataIndex: 'compared' },
          { title: t('不一致', 'Differ'), dataIndex: 'differ' },
          { title: t('偏差率', 'Deviation'), dataIndex: 'deviation', render: pct },
        ]}
      />
    </Card>
  );
}

const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** A horizontal bar chart of one figure per row (items, agents or teams), longest label readable. */
function barOption(labels: string[], values: number[], name: string, percent: boolean, color: string): EChartsOption {
  return {
    textStyle: { fontFamily: FONT },
    color: [color],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (percent ? `${(Number(v) * 100).toFixed(1)}%` : String(v)),
    },
    grid: { left: 8, right: 32, top: 8, bottom: 24, containLabel: true },
    xAxis: {
      type: 'value',
      ...(percent ? { max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } } : { max: 100 }),
    },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [
      {
        type: 'bar',
        name,
        data: values,
        barMaxWidth: 18,
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: unknown }) => (percent ? `${(Number(p.value) * 100).toFixed(1)}%` : String(p.value)),
        },
      },
    ],
  };
}

const chartHeight = (rows: number) => Math.max(120, 40 + rows * 28);

function Stats() {
  const { t } = useI18n();
  const stats = useLoad((signal) => qaStats(signal), []);
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const s = stats.data;
  const items = s?.items ?? [];
  const agents = s?.agents ?? [];
  const teams = s?.teams ?? [];
  const itemChart = useMemo(
    () =>
      barOption(
        items.map((i) => i.title),
        items.map((i) => i.failRate),
        t('未通过率', 'Fail rate'),
        true,
        '#e8684a',
      ),
    [items, t],
  );
  const agentChart = useMemo(
    () =>
      barOption(
        agents.map((a) => [a.agentNo, a.name].filter(Boolean).join(' ') || a.agentId),
        agents.map((a) => a.average),
        t('平均分', 'Average score'),
        false,
        '#5b8ff9',
      ),
    [agents, t],
  );
  const teamChart = useMemo(
    () =>
      barOption(
        teams.map((x) => x.name),
        teams.map((x) => x.average),
        t('平均分', 'Average score'),
        false,
        '#5ad8a6',
      ),
    [teams, t],
  );
  const exportExcel = async () => {
    setExporting(true);
    try {
      await downloadQaResults('qa-results.xlsx');
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()}>
          {t('导出质检结果 Excel', 'Export results to Excel')}
        </Button>
      </Space>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('各质检项未通过率', 'Fail rate per item')}>
            {items.length ? (
              <Chart
                option={itemChart}
                height={chartHeight(items.length)}
                label={t('各质检项未通过率', 'Fail rate per item')}
                testId="qa-chart-items"
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('各坐席平均分', 'Average score per agent')}>
            {agents.length ? (
              <Chart
                option={agentChart}
                height={chartHeight(agents.length)}
                label={t('各坐席平均分', 'Average score per agent')}
                testId="qa-chart-agents"
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('各团队平均分', 'Average score per team')}>
            {teams.length ? (
              <Chart
                option={teamChart}
                height={chartHeight(teams.length)}
                label={t('各团队平均分', 'Average score per team')}
                testId="qa-chart-teams"
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('按质检项', 'By item')}</Typography.Title>
      <Table
        size="small"
        rowKey="item"
        pagination={false}
        dataSource={items}
        columns={[
          { title: t('质检项', 'Item'), dataIndex: 'title' },
          { title: t('适用', 'Applicable'), dataIndex: 'applicable' },
          { title: t('未通过', 'Failed'), dataIndex: 'failed' },
          { title: t('未通过率', 'Fail rate'), dataIndex: 'failRate', render: pct },
          {
            title: t('复核推翻率', 'Overturned in review'),
            key: 'review',
            render: (_: unknown, r) => `${r.reviewOverturned}/${r.reviewed} (${pct(r.reviewOverturnRate)})`,
          },
          {
            title: t('申诉推翻率', 'Overturned on appeal'),
            key: 'appeal',
            render: (_: unknown, r) => `${r.appealsOverturned}/${r.appeals} (${pct(r.appealOverturnRate)})`,
          },
        ]}
      />
      <Typography.Title level={5}>{t('按坐席', 'By agent')}</Typography.Title>
      <Table
        size="small"
        rowKey="agentId"
        pagination={false}
        dataSource={agents}
        columns={[
          { title: t('工号', 'Agent no.'), dataIndex: 'agentNo' },
          { title: t('姓名', 'Name'), dataIndex: 'name' },
          { title: t('质检量', 'Inspections'), dataIndex: 'inspections' },
          { title: t('平均分', 'Average'), dataIndex: 'average' },
          { title: t('合格率', 'Pass rate'), dataIndex: 'passRate', render: pct },
          { title: t('致命', 'Fatal'), dataIndex: 'fatal' },
        ]}
      />
      <Typography.Title level={5}>{t('按团队', 'By team')}</Typography.Title>
      <Table
        size="small"
        rowKey="team"
        pagination={false}
        dataSource={teams}
        columns={[
          { title: t('团队', 'Team'), dataIndex: 'name' },
          { title: t('质检量', 'Inspections'), dataIndex: 'inspections' },
          { title: t('平均分', 'Average'), dataIndex: 'average' },
          { title: t('合格率', 'Pass rate'), dataIndex: 'passRate', render: pct },
          { title: t('致命', 'Fatal'), dataIndex: 'fatal' },
        ]}
      />
    </Space>
  );
}
