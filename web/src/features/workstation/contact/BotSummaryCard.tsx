import { Card, Descriptions, Tag } from 'antd';
import type { Contact } from '../../../api/contacts.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { HANDOVER_REASON } from '../../shared/botLabels.ts';
import { intentLabel } from '../../shared/taxonomy.ts';

/**
 * The chat assistant's hand-over summary (guide §3.4): why it handed over, what the customer asked (intents
 * and slots), what it answered and from where, what it did, and the verification it relied on — so the
 * agent starts where the assistant stopped.
 */
export function BotSummaryCard({ contact }: { contact: Contact }) {
  const { t, locale } = useI18n();
  const s = contact.botSummary;
  if (!s) return null;
  const reason = HANDOVER_REASON[s.reason] ?? [s.reason, s.reason];
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
