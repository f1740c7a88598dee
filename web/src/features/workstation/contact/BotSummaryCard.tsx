import { Card, Descriptions, Tag } from 'antd';
import type { Contact } from '../../../api/contacts.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { intentLabel } from '../../shared/taxonomy.ts';

const REASON_TEXT: Record<string, [string, string]> = {
  customer_request: ['客户要求人工', 'Customer asked for a person'],
  rejected_answers: ['客户两次否定回答', 'Two answers rejected'],
  complaint: ['投诉', 'Complaint'],
  angry: ['客户情绪激动', 'Customer upset'],
  emergency: ['紧急情况(挂失/盗刷)', 'Emergency (lost card, fraud)'],
  priority_customer: ['优先客户(关爱/65岁以上)', 'Priority customer (care flag, 65+)'],
  unanswered: ['助手无法回答', 'Assistant could not answer'],
  operation_needs_person: ['业务需人工办理', 'Operation needs a person'],
  safety_check: ['回复未通过安全检查', 'Reply failed the safety checks'],
  reopened: ['转人工后再次进线', 'Reopened after a hand-over'],
  bot_error: ['助手故障', 'Assistant failure'],
};

/**
 * The chat assistant's hand-over summary (guide §3.4): why it handed over, what the customer asked (intents
 * and slots), what it answered and from where, what it did, and the verification it relied on — so the
 * agent starts where the assistant stopped.
 */
export function BotSummaryCard({ contact }: { contact: Contact }) {
  const { t, locale } = useI18n();
  const s = contact.botSummary;
  if (!s) return null;
  const reason = REASON_TEXT[s.reason] ?? [s.reason, s.reason];
  return (
    <Card size="small" title={t('智能助手交接摘要', 'Assistant hand-over summary')} data-testid="bot-summary">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('转人工原因', 'Reason')}>
          <Tag color={s.reason === 'emergency' ? 'red' : 'blue'} data-testid="bot-summary-reason">
            {t(...reason)}
          </Tag>
          {s.priority && <Tag color="gold">{t('优先', 'Priority')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('识别诉求', 'Intents')}>
          {s.intents.length === 0
            ? '—'
            : s.intents.map((i) => <Tag key={i.intent}>{intentLabel(i.intent, locale)}</Tag>)}
        </Descriptions.Item>
        {Object.keys(s.slots).length > 0 && (
          <Descriptions.Item label={t('关键信息', 'Slots')}>
            <span className="cd-mono">{JSON.stringify(s.slots)}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('助手已答', 'Answered')}>
          {s.answers.length === 0
            ? '—'
            : s.answers.map((a) => (
                <div key={a.seq}>
                  #{a.seq} {a.source ? `[${a.source.title ?? a.source.id}] ` : ''}
                  {a.text}
                </div>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('助手已办', 'Done')}>
          {s.actions.length === 0
            ? '—'
            : s.actions.map((a) => (
                <div key={`${a.operation}-${a.at}`}>
                  {a.operation} · {a.status} · {a.detail}
                </div>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('身份核验', 'Verification')}>
          {s.verification.method} · {s.verification.level}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
