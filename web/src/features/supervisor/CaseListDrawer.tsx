import { Drawer, Table } from 'antd';
import { useState } from 'react';
import { type Case, type CaseListQuery, caseItems, listCases } from '../../api/cases.ts';
import { useLoad } from '../../app/hooks.ts';
import { CaseDrawer } from '../cases/CaseDrawer.tsx';
import { useCaseColumns } from '../cases/caseColumns.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';

/** What a dashboard figure stands for: its title and the case-list filter behind it. */
export interface CaseFilter {
  title: string;
  query: CaseListQuery;
}

/** Drill-down: the cases behind a figure (a KPI, a slice, a bar), each opening the case itself. */
export function CaseListDrawer({ filter, onClose }: { filter: CaseFilter | null; onClose(): void }) {
  const columns = useCaseColumns();
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
        columns={columns}
      />
      <CaseDrawer caseId={openId} onClose={() => setOpenId(null)} onChanged={cases.reload} />
    </Drawer>
  );
}
