import { Tag } from 'antd';
import { useT } from '../../app/i18n.tsx';
import { daysUntil } from './caseText.ts';

/** The regulatory due date with how near it is: red when past, orange within three days. */
export function DeadlineTag({ dueDate, closed }: { dueDate: string; closed?: boolean }) {
  const t = useT();
  if (closed) return <Tag>{dueDate}</Tag>;
  const d = daysUntil(dueDate);
  const color = d < 0 ? 'red' : d <= 3 ? 'orange' : 'default';
  const text =
    d < 0
      ? t(`已超期 ${-d} 天`, `${-d} days overdue`)
      : d === 0
        ? t('今日到期', 'due today')
        : t(`剩 ${d} 天`, `${d} days left`);
  return (
    <Tag color={color}>
      {dueDate} · {text}
    </Tag>
  );
}
