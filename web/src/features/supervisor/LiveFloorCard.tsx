import { Badge, Card, Col, Row, Table, Tag } from 'antd';
import { useEffect } from 'react';
import { type LiveAgent, type QueueView, supervisorLive } from '../../api/stats.ts';
import { useLoad, useNow } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useLive } from '../../app/live.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { duration } from '../shared/format.ts';
import { typeLabel } from '../shared/taxonomy.ts';
import { PRESENCE_TEXT } from '../workstation/presence.ts';

/** Queues and agents, live: refreshed on every queue event and at least every 15 seconds. */
export function LiveFloorCard() {
  const { t, locale } = useI18n();
  const live = useLoad((s) => supervisorLive(s), []);
  const now = useNow(1000);
  const queues = live.data?.queues ?? [];
  useLive(['supervisor', ...queues.map((q) => `queue:${q.code}`)], () => live.reload());
  useEffect(() => {
    const id = setInterval(live.reload, 15_000);
    return () => clearInterval(id);
  }, [live.reload]);
  const agents = (live.data?.agents ?? []).filter((a) => ['agent', 'senior_agent', 'dept_handler'].includes(a.role));
  return (
    <Card size="small" title={t('实时队列与坐席', 'Live queues and agents')} data-testid="live-floor">
      <ErrorNote error={live.error} retry={live.reload} />
      <Row gutter={12}>
        <Col span={10}>
          <Table<QueueView>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={queues}
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
