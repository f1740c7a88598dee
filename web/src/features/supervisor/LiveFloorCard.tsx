import { Badge, Card, Col, Drawer, Row, Statistic, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { type LiveAgent, type LiveFloor, type LiveWaiting, type QueueView, supervisorLive } from '../../api/stats.ts';
import { useLoad, useNow } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useLive } from '../../app/live.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { duration } from '../shared/format.ts';
import { typeLabel } from '../shared/taxonomy.ts';
import { PRESENCE_TEXT } from '../workstation/presence.ts';
import { type ContactFilter, ContactListDrawer } from './ContactListDrawer.tsx';

/** Queues and agents, live: refreshed on every queue event and at least every 15 seconds. */
export function LiveFloorCard() {
  const { t, locale } = useI18n();
  const live = useLoad((s) => supervisorLive(s), []);
  const now = useNow(1000);
  const [waitingOpen, setWaitingOpen] = useState(false);
  const [drill, setDrill] = useState<ContactFilter | null>(null);
  const queues = live.data?.queues ?? [];
  useLive(['supervisor', ...queues.map((q) => `queue:${q.code}`)], () => live.reload());
  useEffect(() => {
    const id = setInterval(live.reload, 15_000);
    return () => clearInterval(id);
  }, [live.reload]);
  const queueName = (code: string | null) => {
    const q = queues.find((x) => x.code === code);
    return q ? (locale === 'en' ? q.nameEn : q.nameZh) : (code ?? '—');
  };
  // Supervisors handle contacts too, but the floor table lists the people who serve the queues.
  const agents = (live.data?.agents ?? []).filter((a) => a.floorStaff);
  return (
    <Card size="small" title={t('实时队列与坐席', 'Live queues and agents')} data-testid="live-floor">
      <ErrorNote error={live.error} retry={live.reload} />
      {live.data && <Wallboard live={live.data} onWaiting={() => setWaitingOpen(true)} onDrill={setDrill} />}
      <WaitingDrawer open={waitingOpen} live={live.data} onClose={() => setWaitingOpen(false)} />
      <ContactListDrawer filter={drill} queueName={queueName} onClose={() => setDrill(null)} />
      <Row gutter={12}>
        <Col span={10}>
          <Table<QueueView>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={queues}
            data-testid="live-queues"
            onRow={(q) => ({
              onClick: () =>
                setDrill({
                  title: `${t('今日进入队列', 'Queued today')}: ${locale === 'en' ? q.nameEn : q.nameZh}`,
                  query: { basis: 'queued', queue: q.code },
                }),
              style: { cursor: 'pointer' },
            })}
            columns={[
              { title: t('队列', 'Queue'), render: (_, q) => (locale === 'en' ? q.nameEn : q.nameZh) },
              {
                title: t('排队', 'Waiting'),
                dataIndex: 'waiting',
                align: 'right',
                render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : n),
              },
              {
                // Emergencies (lost/stolen card, fraud) are served first; any waiting one needs attention now.
                title: t('紧急', 'Urgent'),
                dataIndex: 'emergencyWaiting',
                align: 'right',
                render: (n: number) =>
                  n > 0 ? (
                    <Tag color="red" data-testid="live-emergency-waiting">
                      {n}
                    </Tag>
                  ) : (
                    n
                  ),
              },
              {
                title: t('最长等待', 'Longest wait'),
                dataIndex: 'longestWaitSeconds',
                align: 'right',
                render: (s: number) => (s > 0 ? duration(s) : '—'),
              },
            ]}
          />
        </Col>
        <Col span={14}>
          <Table<LiveAgent>
            size="small"
            rowKey="userId"
            pagination={false}
            dataSource={agents}
            columns={[
              {
                title: t('坐席', 'Agent'),
                render: (_, a) => `${a.displayName}${a.agentNo ? ` (${a.agentNo})` : ''}`,
              },
              {
                title: t('状态', 'State'),
                dataIndex: 'state',
                render: (s: LiveAgent['state']) => (
                  <Badge
                    status={s === 'busy' ? 'processing' : s === 'idle' ? 'success' : 'default'}
                    text={s === 'busy' ? t('通话中', 'Busy') : s === 'idle' ? t('空闲', 'Idle') : t('离线', 'Offline')}
                  />
                ),
              },
              {
                title: t('坐席状态', 'Presence'),
                render: (_, a) => {
                  // An agent who is not signed in has no desk state to show.
                  if (a.state === 'offline') return '—';
                  const [zh, en, color] = PRESENCE_TEXT[a.presence];
                  return (
                    <Tag color={color} data-testid={`presence-${a.userId}`} data-presence={a.presence}>
                      {t(zh, en)}
                      {a.presenceSince && (
                        <span className="cd-mono"> {duration((now - Date.parse(a.presenceSince)) / 1000)}</span>
                      )}
                    </Tag>
                  );
                },
              },
              {
                title: t('当前联络', 'Handling'),
                render: (_, a) =>
                  a.contacts.map((c) => (
                    <Tag key={c.contactId}>
                      {c.channel === 'chat' ? t('会话', 'Chat') : t('电话', 'Call')} · {typeLabel(c.type, locale)}
                    </Tag>
                  )),
              },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const RED = '#cf1322';
const GREEN = '#389e0d';

/**
 * Today's service figures, coloured by the thresholds in the contacts settings: the 20-second service
 * level below target, the abandon rate above its limit and a wait beyond the alert time show red. Each
 * opens the contacts behind it (the service level: those that missed it); the longest wait, the contacts
 * waiting now.
 */
function Wallboard({
  live,
  onWaiting,
  onDrill,
}: {
  live: LiveFloor;
  onWaiting(): void;
  onDrill(filter: ContactFilter): void;
}) {
  const { t } = useI18n();
  const th = live.thresholds;
  const tone = (bad: boolean | null) => (bad === null ? undefined : bad ? RED : GREEN);
  const items = [
    {
      id: 'service-level',
      title: t(`服务水平(${th.serviceLevelSeconds}秒接通)`, `Service level (${th.serviceLevelSeconds} s)`),
      value: pct(live.serviceLevel),
      color: tone(live.serviceLevel === null ? null : live.serviceLevel < th.serviceLevelTarget),
      onClick: () =>
        onDrill({
          title: t(
            `今日未在${th.serviceLevelSeconds}秒内接通`,
            `Today: not answered within ${th.serviceLevelSeconds} s`,
          ),
          query: { basis: 'queued', missedWithin: th.serviceLevelSeconds },
        }),
    },
    {
      id: 'answer-rate',
      title: t('接通率', 'Answered'),
      value: pct(live.answerRate),
      color: undefined,
      onClick: () =>
        onDrill({ title: t('今日已接通', 'Answered today'), query: { basis: 'queued', answered: 'true' } }),
    },
    {
      id: 'abandon-rate',
      title: t('放弃率', 'Abandoned'),
      value: pct(live.abandonRate),
      color: tone(live.abandonRate === null ? null : live.abandonRate > th.abandonRateLimit),
      onClick: () =>
        onDrill({
          title: t('今日排队中放弃', 'Abandoned in the queue today'),
          query: { basis: 'queued', abandoned: 'true' },
        }),
    },
    {
      id: 'longest-wait',
      title: t('最长等待', 'Longest wait'),
      value: live.longestWaitSeconds > 0 ? duration(live.longestWaitSeconds) : '—',
      color: tone(live.longestWaitSeconds > th.longestWaitAlertSeconds),
      onClick: onWaiting,
    },
  ];
  return (
    <Row gutter={8} style={{ marginBottom: 12 }}>
      {items.map((k) => (
        <Col span={6} key={k.id}>
          <Card
            size="small"
            hoverable={k.onClick !== undefined}
            onClick={k.onClick}
            data-testid={`wallboard-${k.id}`}
            data-alert={k.color === RED ? 'true' : 'false'}
          >
            <Statistic title={k.title} value={k.value} valueStyle={{ fontSize: 20, color: k.color }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The contacts waiting now, in serving order (what the longest wait stands for). */
function WaitingDrawer({ open, live, onClose }: { open: boolean; live: LiveFloor | undefined; onClose(): void }) {
  const { t, locale } = useI18n();
  return (
    <Drawer open={open} onClose={onClose} width={560} title={t('正在排队的客户', 'Waiting now')}>
      <Table<LiveWaiting>
        size="small"
        rowKey="contactId"
        pagination={false}
        dataSource={live?.waiting ?? []}
        data-testid="drill-waiting"
        columns={[
          {
            title: t('渠道', 'Channel'),
            dataIndex: 'channel',
            render: (c: string) => (c === 'chat' ? t('在线会话', 'Chat') : t('电话', 'Call')),
          },
          { title: t('类型', 'Type'), dataIndex: 'type', render: (v: string | null) => typeLabel(v, locale) },
          {
            title: t('优先级', 'Priority'),
            dataIndex: 'priority',
            render: (p: string) => (p === 'emergency' ? <Tag color="red">{t('紧急', 'Urgent')}</Tag> : null),
          },
          {
            title: t('已等待', 'Waiting'),
            dataIndex: 'waitSeconds',
            align: 'right',
            render: (s: number) => duration(s),
          },
        ]}
      />
    </Drawer>
  );
}
