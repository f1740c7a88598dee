import { SendOutlined } from '@ant-design/icons';
import { Button, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { type AssistOperation, type TurnAssist, turnAssist } from '../../../api/bot.ts';
import type { Turn } from '../../../api/contacts.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { intentLabel, typeColor } from '../../shared/taxonomy.ts';
import { InsertReplyButton, plainText } from './replyTarget.tsx';

/** The desk operation a message calls for, in the agent's words (keyed by the contract's codes). */
const OPERATION: Record<AssistOperation, [string, string]> = {
  'card.freeze': ['临时冻结', 'Freeze the card'],
  'card.unfreeze': ['解冻卡片', 'Unfreeze the card'],
  'card.activate': ['激活卡片', 'Activate the card'],
  'emergency.report': ['紧急挂失/冻结', 'Emergency report'],
  'limit.change': ['调额(先查资格)', 'Limit change (eligibility first)'],
  'account.limit': ['查询额度', 'Look up the limit'],
  'account.statement': ['查询账单', 'Look up the statement'],
  'account.repayment': ['查询还款', 'Trace the repayment'],
  'account.points': ['查询积分', 'Look up points'],
  'installment.quote': ['分期试算', 'Installment quote'],
  'complaint.case': ['受理投诉', 'Open a complaint'],
  'transaction.dispute': ['交易争议', 'Transaction dispute'],
};

/** How many of the latest customer messages get assist (an old transcript does not ask for all of its turns). */
const RECENT = 10;

type Entry = TurnAssist | 'loading' | 'failed';

/**
 * Agent assist in the chat's own stream (issue 20 §5): the server reads each new customer message — intent
 * (NLU), the published FAQ answer (matcher), the operation it suggests — and the desk asks once per message
 * as it arrives. Only while a person handles the chat (not while the assistant serves it).
 */
export function useTurnAssists(contactId: string, turns: Turn[], enabled: boolean): Map<number, Entry> {
  const [entries, setEntries] = useState<Map<number, Entry>>(new Map());
  const asked = useRef(new Set<number>());
  // A new contact starts over.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on the contact only
  useEffect(() => {
    asked.current = new Set();
    setEntries(new Map());
  }, [contactId]);
  useEffect(() => {
    if (!enabled) return;
    const wanted = turns
      .filter((t) => t.speaker === 'customer')
      .slice(-RECENT)
      .filter((t) => !asked.current.has(t.seq));
    for (const t of wanted) {
      asked.current.add(t.seq);
      setEntries((m) => new Map(m).set(t.seq, 'loading'));
      turnAssist(contactId, t.seq).then(
        (a) => setEntries((m) => new Map(m).set(t.seq, a)),
        () => setEntries((m) => new Map(m).set(t.seq, 'failed')),
      );
    }
  }, [contactId, turns, enabled]);
  return entries;
}

/** Under one customer message: intent, suggested operation, the FAQ answer to send or insert with one click. */
export function TurnAssistStrip({
  entry,
  onSend,
  sending,
}: {
  entry: Entry | undefined;
  onSend(text: string): void;
  sending: boolean;
}) {
  const { t, locale } = useI18n();
  if (!entry || entry === 'failed') return null;
  if (entry === 'loading') {
    return (
      <div className="cd-muted" style={{ fontSize: 12, margin: '2px 0 6px' }}>
        {t('助手分析中…', 'Reading…')}
      </div>
    );
  }
  const answer = entry.answer;
  return (
    <div
      data-testid="turn-assist"
      data-seq={entry.seq}
      style={{
        margin: '2px 0 8px',
        padding: '6px 8px',
        background: '#fffbe6',
        border: '1px solid #ffe58f',
        borderRadius: 6,
        maxWidth: '78%',
        fontSize: 12,
      }}
    >
      <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}>
        <span className="cd-muted">{t('助手', 'Assist')}:</span>
        {entry.intent ? (
          <Tag color={entry.type ? typeColor(entry.type) : 'default'} data-testid="turn-assist-intent">
            {intentLabel(entry.intent, locale)}
          </Tag>
        ) : (
          <Tag data-testid="turn-assist-intent">{t('非用卡问题', 'Not about cards')}</Tag>
        )}
        {entry.operation && (
          <Tag color="geekblue" data-testid="turn-assist-operation">
            {t('建议操作', 'Suggested')}: {t(...OPERATION[entry.operation])}
          </Tag>
        )}
        {entry.escalate && <Tag color="red">{t('情绪激动', 'Upset')}</Tag>}
      </div>
      {answer && (
        <div style={{ marginTop: 4 }}>
          <Typography.Text strong data-testid="turn-assist-title">
            {answer.title}
          </Typography.Text>{' '}
          <span className="cd-muted">
            {t('来源', 'Source')}: {answer.source ?? t('知识库', 'knowledge base')} · v{answer.version}
          </span>
          <Typography.Paragraph
            ellipsis={{ rows: 2, expandable: true, symbol: t('展开', 'more') }}
            style={{ margin: '2px 0' }}
          >
            {plainText(answer.answer)}
          </Typography.Paragraph>
          <div style={{ display: 'flex', gap: 6 }}>
            <Button
              size="small"
              type="primary"
              icon={<SendOutlined />}
              loading={sending}
              onClick={() => onSend(plainText(answer.answer))}
              data-testid="turn-assist-send"
            >
              {t('发送此答案', 'Send this answer')}
            </Button>
            <InsertReplyButton text={plainText(answer.answer)} testId="turn-assist-insert" />
          </div>
        </div>
      )}
      {!answer && entry.clarify && (
        <div style={{ marginTop: 4 }} data-testid="turn-assist-clarify">
          {t('客户可能在问', 'The customer may mean')}:「{entry.clarify.titles[0]}」{t('或', 'or')}「
          {entry.clarify.titles[1]}」
        </div>
      )}
    </div>
  );
}
