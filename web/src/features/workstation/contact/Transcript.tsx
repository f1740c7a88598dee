import { SendOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Contact, getTurns, sendAgentTurn, sendTyping, type Turn } from '../../../api/contacts.ts';
import { useAction, useDraft } from '../../../app/hooks.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { useLive } from '../../../app/live.ts';
import { may } from '../../../app/permissions.ts';
import type { Session } from '../../../app/session.ts';
import { useTypingFlag, useTypingSignal } from '../../../app/typing.ts';
import { DraftGuardWarnings, useDraftGuard } from '../../quality/DraftGuard.tsx';
import { timeOnly } from '../../shared/format.ts';
import { CannedReplies } from './CannedReplies.tsx';
import { useReplyTarget } from './replyTarget.tsx';
import { TurnAssistStrip, useTurnAssists } from './TurnAssist.tsx';

/**
 * The live chat transcript. Every message is rendered as plain text (React escapes it): whatever a
 * customer types — markup, scripts — is shown, never run. The reply being typed is a draft per contact;
 * Enter sends it, Shift+Enter adds a line; canned replies and "插入回复" elsewhere on the desk fill it.
 */
export function Transcript({ contact, session, fill }: { contact: Contact; session: Session; fill?: boolean }) {
  const { t } = useI18n();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [draft, setDraft, clearDraft] = useDraft(`contact.${contact.id}.reply`, '');
  const lastSeq = useRef(0);

  const merge = useCallback((more: Turn[]) => {
    if (more.length === 0) return;
    setTurns((prev) => {
      const bySeq = new Map(prev.map((x) => [x.seq, x]));
      for (const m of more) bySeq.set(m.seq, m);
      const list = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
      lastSeq.current = list[list.length - 1]?.seq ?? 0;
      return list;
    });
  }, []);

  useEffect(() => {
    setTurns([]);
    lastSeq.current = 0;
    const ctrl = new AbortController();
    getTurns(contact.id, 0, ctrl.signal).then(merge, () => {});
    return () => ctrl.abort();
  }, [contact.id, merge]);

  // Live turns arrive over the socket; after a reconnect, catch up from the last sequence number.
  const [customerTyping, markCustomerTyping, clearCustomerTyping] = useTypingFlag();
  const [typing, typingSent] = useTypingSignal(() => void sendTyping(contact.id).catch(() => {}));
  const status = useLive([`contact:${contact.id}`], (e) => {
    if (e.event === 'turn.added') {
      const turn = e.data as Turn;
      merge([turn]);
      if (turn.speaker === 'customer') clearCustomerTyping();
    } else if (e.event === 'chat.typing' && (e.data as { speaker?: string }).speaker === 'customer') {
      markCustomerTyping();
    }
  });
  useEffect(() => {
    if (status === 'open') getTurns(contact.id, lastSeq.current).then(merge, () => {});
  }, [status, contact.id, merge]);

  // Keep the newest message in view (inside the log box only: the page itself never scrolls).
  const logRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = logRef.current;
    if (el && turns.length > 0) el.scrollTop = el.scrollHeight;
  }, [turns]);

  // Canned replies, knowledge articles and assist answers insert here ("插入回复").
  const insert = useCallback(
    (text: string) => setDraft((d) => (d.trim() ? `${d.trimEnd()}\n${text}` : text)),
    [setDraft],
  );
  useReplyTarget(insert);

  const send = useAction((key, text: string) => sendAgentTurn(key, contact.id, text));
  const closed = contact.status === 'closed' || contact.customerEndedAt !== null;
  // The real-time quality guard: a fatal rule blocks the send until the draft is rephrased.
  const guard = useDraftGuard(draft, !closed && may(session, 'qa.guard'));
  const blocked = guard.verdict?.blocked === true;
  // Agent assist on each customer message, while a person (this agent) handles the chat.
  const assisting = contact.channel === 'chat' && contact.bot !== 'bot' && !closed && may(session, 'contacts.view');
  const assists = useTurnAssists(contact.id, turns, assisting);
  const sendAnswer = useAction((key, text: string) => sendAgentTurn(key, contact.id, text));
  const sendAssisted = async (text: string) => {
    const turn = await sendAnswer.run(text);
    if (turn) merge([turn]);
  };
  const submit = async () => {
    const text = draft.trim();
    if (!text || blocked) return;
    const turn = await send.run(text);
    if (turn) {
      merge([turn]);
      clearDraft();
      typingSent();
    }
  };

  return (
    <Card
      size="small"
      title={t('会话记录', 'Transcript')}
      extra={closed ? <span className="cd-muted">{t('客户已离开', 'Customer left')}</span> : null}
      style={fill ? { height: '100%', display: 'flex', flexDirection: 'column' } : {}}
      styles={fill ? { body: { flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0 } } : {}}
    >
      <div
        ref={logRef}
        role="log"
        aria-live="polite"
        data-testid="transcript"
        style={{
          ...(fill ? { flex: 1, minHeight: 160 } : { height: 260 }),
          overflowY: 'auto',
          background: '#f6f8fb',
          borderRadius: 4,
          padding: 8,
        }}
      >
        {turns.map((m) => (
          <div key={m.seq}>
            <div
              data-speaker={m.speaker}
              style={{
                display: 'flex',
                justifyContent: m.speaker === 'agent' ? 'flex-end' : 'flex-start',
                margin: '4px 0',
              }}
            >
              <div
                className="cd-pre chat-turn"
                data-testid="transcript-turn"
                style={{
                  maxWidth: '78%',
                  padding: '6px 10px',
                  borderRadius: 8,
                  background: m.speaker === 'agent' ? '#1f5fbf' : m.speaker === 'customer' ? '#fff' : '#eef0f3',
                  color: m.speaker === 'agent' ? '#fff' : '#1f2329',
                  border: m.speaker === 'customer' ? '1px solid #e5e7eb' : 'none',
                }}
              >
                {m.text}
                <div style={{ fontSize: 11, opacity: 0.7, textAlign: 'right' }}>{timeOnly(m.at)}</div>
              </div>
            </div>
            {assisting && m.speaker === 'customer' && (
              <TurnAssistStrip entry={assists.get(m.seq)} onSend={sendAssisted} sending={sendAnswer.busy} />
            )}
          </div>
        ))}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 8 }}>
        <CannedReplies session={session} onPick={insert} />
        {customerTyping && !closed && (
          <span className="cd-muted" data-testid="customer-typing">
            {t('客户正在输入…', 'The customer is typing…')}
          </span>
        )}
        <span className="cd-muted" style={{ fontSize: 12 }}>
          {t('Enter 发送 · Shift+Enter 换行', 'Enter sends · Shift+Enter new line')}
        </span>
      </div>
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <textarea
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            typing();
          }}
          onKeyDown={(e) => {
            // Enter sends, Shift+Enter starts a new line; Enter that confirms an IME composition does neither.
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
          disabled={closed}
          rows={2}
          aria-label={t('回复客户', 'Reply')}
          data-testid="agent-reply"
          placeholder={t('输入回复,Enter 发送,Shift+Enter 换行', 'Type a reply; Enter sends, Shift+Enter new line')}
          style={{ flex: 1, resize: 'none', font: 'inherit', padding: 8, border: '1px solid #d0d5dd', borderRadius: 4 }}
        />
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={submit}
          loading={send.busy}
          disabled={closed || !draft.trim() || blocked}
          data-testid="agent-send"
          style={{ height: 'auto' }}
        >
          {t('发送', 'Send')}
        </Button>
      </div>
      <DraftGuardWarnings verdict={guard.verdict} />
      {send.error && <Typography.Text type="danger">{send.error.message}</Typography.Text>}
      {sendAnswer.error && <Typography.Text type="danger">{sendAnswer.error.message}</Typography.Text>}
    </Card>
  );
}
