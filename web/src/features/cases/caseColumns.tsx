import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Case } from '../../api/cases.ts';
import { useI18n } from '../../app/i18n.tsx';
import { intentLabel } from '../shared/taxonomy.ts';
import { useDepartmentLabel } from '../shared/useDepartmentLabel.ts';
import { stateText } from './caseText.ts';
import { DeadlineTag } from './DeadlineTag.tsx';

/** The columns every supervisor case list shows (a figure's drill-down, the deadline list): one set. */
export function useCaseColumns(): ColumnsType<Case> {
  const { t, locale } = useI18n();
  const department = useDepartmentLabel();
  return [
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
    {
      title: t('监管时限', 'Due'),
      dataIndex: 'dueDate',
      render: (_, c) => <DeadlineTag dueDate={c.dueDate} closed={c.state === 'closed'} />,
    },
  ];
}
