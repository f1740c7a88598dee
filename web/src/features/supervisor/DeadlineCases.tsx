import { Card, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { type Case, caseItems, listCases } from '../../api/cases.ts';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { CaseDrawer } from '../cases/CaseDrawer.tsx';
import { useCaseColumns } from '../cases/caseColumns.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';

/** Open cases due within the next three days or already past their regulatory deadline, most urgent first. */
export function DeadlineCases() {
  const { t } = useI18n();
  const columns = useCaseColumns();
  const dueBefore = dayjs(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10))
    .add(3, 'day')
    .format('YYYY-MM-DD');
  const cases = useLoad((s) => listCases({ open: 'true', dueBefore, limit: 100 }, s), [dueBefore]);
  const [openId, setOpenId] = useState<string | null>(null);
  const rows = caseItems(cases.data).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return (
    <Card
      size="small"
      title={t('临近或已超监管时限的工单', 'Cases near or past their regulatory deadline')}
      data-testid="deadline-cases"
    >
      <ErrorNote error={cases.error} retry={cases.reload} />
      <Table<Case>
        size="small"
        rowKey="id"
        loading={cases.loading}
        dataSource={rows}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        onRow={(c) => ({ onClick: () => setOpenId(c.id), style: { cursor: 'pointer' } })}
        columns={columns}
      />
      <CaseDrawer caseId={openId} onClose={() => setOpenId(null)} onChanged={cases.reload} />
    </Card>
  );
}
