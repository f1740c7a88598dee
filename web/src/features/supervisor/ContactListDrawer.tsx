import { Drawer, Table, Tag } from 'antd';
import { useState } from 'react';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { dateTime, duration } from '../shared/format.ts';
import { label } from '../shared/labels.ts';
import { intentLabel, typeColor, typeLabel } from '../shared/taxonomy.ts';
import { type ContactQuery, type SupervisorContact, supervisorContacts } from './contacts.api.ts';

/** What a wallboard or dashboard figure stands for: its title and the contact-list filter behind it. */
export interface ContactFilter {
  title: string;
  query: ContactQuery;
}

const PAGE = 20;

/**
 * Drill-down: the contacts behind a figure (a service figure, a bar, an alert), listed by the server with
 * the figure's own rules, a page at a time; caller numbers only masked.
 */
export function ContactListDrawer({
  filter,
  queueName,
  onClose,
}: {
  filter: ContactFilter | null;
  /** The queue's name by its code (the live floor knows them). */
  queueName?: (code: string | null) => string;
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  const key = JSON.stringify(filter);
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setPage(1);
  }
  const list = useLoad(
    filter ? (s) => supervisorContacts({ ...filter.query, limit: PAGE, offset: (page - 1) * PAGE }, s) : null,
    [key, page],
  );
  return (
    <Drawer open={filter !== null} onClose={onClose} width={860} title={filter?.title} destroyOnHidden>
      <ErrorNote error={list.error} retry={list.reload} />
      <Table<SupervisorContact>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="drill-contacts"
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => t(`共 ${n} 条`, `${n} in all`),
        }}
        columns={[
          {
            title: t('开始时间', 'Started'),
            dataIndex: 'startedAt',
            render: (v: string) => dateTime(v, locale),
          },
          { title: t('渠道', 'Channel'), dataIndex: 'channel', render: (v: string) => label('channel', v, locale) },
          {
            title: t('类型', 'Type'),
            dataIndex: 'type',
            render: (v: string | null) =>
              v ? <Tag color={typeColor(v)}>{typeLabel(v, locale)}</Tag> : t('未分类', 'Unclassified'),
          },
          {
            title: t('意图', 'Intents'),
            dataIndex: 'intents',
            render: (v: string[]) => v.map((i) => intentLabel(i, locale)).join('、') || '—',
          },
          {
            title: t('队列', 'Queue'),
            dataIndex: 'queueCode',
            render: (v: string | null) => (queueName ? queueName(v) : (v ?? '—')),
          },
          {
            title: t('等待', 'Wait'),
            dataIndex: 'waitSeconds',
            align: 'right',
            render: (s: number | null) => (s === null ? '—' : duration(s)),
          },
          {
            title: t('坐席', 'Agent'),
            dataIndex: 'agent',
            render: (a: SupervisorContact['agent']) =>
              a ? `${a.displayName}${a.agentNo ? ` (${a.agentNo})` : ''}` : '—',
          },
          {
            title: t('状态/结果', 'Status / outcome'),
            render: (_, c) =>
              c.outcome ? label('outcome', c.outcome, locale) : label('contactStatus', c.status, locale),
          },
          { title: t('来电号码', 'Caller'), dataIndex: 'callerNumberMasked', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Drawer>
  );
}
