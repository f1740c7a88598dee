import { DislikeFilled, DislikeOutlined } from '@ant-design/icons';
import type { ChatTurn } from '../../api/chat.ts';
import { useT } from '../../app/i18n.tsx';
import { timeOnly } from '../shared/format.ts';

// Case numbers a customer can quote (TS… complaints, FR… fraud cases), picked out so they stand out.
const CASE_NUMBER = /(?:TS|FR)\d{8}-\d{4,}/g;

/** Splits text around case numbers; every part stays plain text (React escapes it). */
function withCaseNumbers(text: string) {
  const out: Array<string | ReturnType<typeof CaseNo>> = [];
  let at = 0;
  for (const m of text.matchAll(CASE_NUMBER)) {
    const start = m.index ?? 0;
    if (start > at) out.push(text.slice(at, start));
    out.push(<CaseNo key={start} value={m[0]} />);
    at = start + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function CaseNo({ value }: { value: string }) {
  return (
    <strong
      className="cd-mono"
      data-testid="chat-case-number"
      style={{ background: '#fff3cd', padding: '0 3px', borderRadius: 3 }}
    >
      {value}
    </strong>
  );
}

/**
 * One chat message. Customer, agent and assistant messages are bubbles (an assistant's answer names its
 * source: "来自:" the FAQ or the operation); system notices (the loss-report
 * confirmation, the emergency checklist, case numbers) are cards the customer can keep reading.
 */
export function ChatMessage({
  turn,
  reported = false,
  onReport,
}: {
  turn: ChatTurn;
  /** The customer reported this answer as wrong. */
  reported?: boolean;
  /** The thumbs-down under an answer of the assistant (one with a source). */
  onReport?: (seq: number) => void;
}) {
  const t = useT();
  const mine = turn.speaker === 'customer';
  if (turn.speaker === 'system') {
    return (
      <div
        data-speaker="system"
        className="chat-turn"
        style={{ margin: '10px 4px', padding: 10, background: '#fffbe6', border: '1px solid #ffe58f', borderRadius: 8 }}
      >
        <div style={{ fontSize: 12, color: '#8c6d1f', marginBottom: 4 }}>{t('服务通知', 'Service notice')}</div>
        <div className="cd-pre">{withCaseNumbers(turn.text)}</div>
      </div>
    );
  }
  return (
    <div
      data-speaker={turn.speaker}
      style={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start', margin: '6px 0' }}
    >
      <div
        className="cd-pre chat-turn"
        style={{
          maxWidth: '80%',
          padding: '8px 12px',
          borderRadius: 12,
          fontSize: 15,
          background: mine ? '#1f5fbf' : '#fff',
          color: mine ? '#fff' : '#1f2329',
          border: mine ? 'none' : '1px solid #e5e7eb',
        }}
      >
        {turn.speaker === 'bot' && (
          <div style={{ fontSize: 12, color: '#1f5fbf', marginBottom: 2 }}>{t('智能助手', 'Assistant')}</div>
        )}
        {withCaseNumbers(turn.text)}
        {turn.source && (
          <div data-testid="chat-source" style={{ fontSize: 12, color: '#6b7280', marginTop: 4 }}>
            {t('来自:', 'Source: ')}
            {turn.source.title ?? turn.source.id}
            {turn.speaker === 'bot' && onReport && (
              <button
                type="button"
                onClick={() => !reported && onReport(turn.seq)}
                disabled={reported}
                aria-pressed={reported}
                aria-label={t('回答有误', 'Wrong answer')}
                title={reported ? t('已反馈:回答有误', 'Reported as wrong') : t('回答有误', 'Wrong answer')}
                data-testid="chat-report-wrong"
                style={{
                  marginLeft: 8,
                  border: 'none',
                  background: 'none',
                  padding: 0,
                  cursor: reported ? 'default' : 'pointer',
                  color: reported ? '#cf1322' : '#6b7280',
                }}
              >
                {reported ? <DislikeFilled /> : <DislikeOutlined />}
                {reported ? ` ${t('已反馈', 'Reported')}` : ''}
              </button>
            )}
          </div>
        )}
        <div style={{ fontSize: 11, opacity: 0.7, textAlign: 'right' }}>{timeOnly(turn.at)}</div>
      </div>
    </div>
  );
}
