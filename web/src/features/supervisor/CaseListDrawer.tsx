import { Drawer, Table, Tag } from 'antd';
import { useState } from 'react';
import { type Case, caseItems, listCases } from '../../api/cases.ts';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { CaseDrawer } from '../cases/CaseDrawer.tsx';
import { stateText } from '../cases/caseText.ts';
import { DeadlineTag } from '../cases/DeadlineTag.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { intentLabel } from '../shared/taxonomy.ts';

/** What a dashboard figure stands for: its title and the case-list filter behind it. */
export interface CaseFilter {
  title: string;
  query: Record<string, string>;
}

/** Drill-down: the cases behind a figure (a KPI, a slice, a bar), each opening the case itself. */
export function CaseListDrawer({ filter, onClose }: { filter: CaseFilter | null; onClose(): void }) {
  const { t, locale } = useI18n();
  const cases = useLoad(filter ? (s) => listCases({ kind: 'complaint', ...filter.query, limit: 200 }, s) : null, [
    JSON.stringify(filter),
  ]);
  const [openId, setOpenId] = useState<string | null>(null);
  const rows = caseItems(cases.data);
  return (
    <Drawer open={filter !== null} onClose={onClose} width={720} title={filter?.title} destroyOnHidden>
      <ErrorNote error={cases.error} retry={cases.reload} />
      <Table<Case>
        size="small"
        rowKey="id"
        loading={cases.loading}
        dataSource={rows}
        data-testid="drill-cases"
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        onRow={(c) => ({ onClick: () => setOpenId(c.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('工单号', 'Case'),
            dataIndex: 'number',
            render: (v: string) => <span className="cd-mono">{v}</span>,
          },
          { title: t('类别', 'Category'), dataIndex: 'category', render: (v: string) => intentLabel(v, locale) },
          {
            title: t('状态', 'State'),
            dataIndex: 'state',
            render: (v: string) => <Tag color={stateText(v)[2]}>{t(stateText(v)[0], stateText(v)[1])}</Tag>,
          },
          {
            title: t('监管时限', 'Due'),
            render: (_, c) => <DeadlineTag dueDate={c.dueDate} closed={c.state === 'closed'} />,
          },
        ]}
      />
      <CaseDrawer caseId={openId} onClose={() => setOpenId(null)} onChanged={cases.reload} />
    </Drawer>
  );
}
