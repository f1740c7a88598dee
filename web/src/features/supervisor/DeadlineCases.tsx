import { Card, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { type Case, caseItems, listCases } from '../../api/cases.ts';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { CaseDrawer } from '../cases/CaseDrawer.tsx';
import { stateText } from '../cases/caseText.ts';
import { DeadlineTag } from '../cases/DeadlineTag.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { intentLabel } from '../shared/taxonomy.ts';
import { useDepartmentLabel } from '../shared/useDepartmentLabel.ts';

/** Open cases due within the next three days or already past their regulatory deadline, most urgent first. */
export function DeadlineCases() {
  const { t, locale } = useI18n();
  const dueBefore = dayjs(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10))
    .add(3, 'day')
    .format('YYYY-MM-DD');
  const cases = useLoad((s) => listCases({ open: 'true', dueBefore, limit: 100 }, s), [dueBefore]);
  const [openId, setOpenId] = useState<string | null>(null);
  const department = useDepartmentLabel();
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
          { title: t('承办部门', 'Department'), dataIndex: 'department', render: (v: string | null) => department(v) },
          { title: t('监管时限', 'Due'), dataIndex: 'dueDate', render: (v: string) => <DeadlineTag dueDate={v} /> },
        ]}
      />
      <CaseDrawer caseId={openId} onClose={() => setOpenId(null)} onChanged={cases.reload} />
    </Card>
  );
}
