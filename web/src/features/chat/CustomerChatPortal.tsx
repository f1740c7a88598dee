import { Alert, Button, Card, Input, Radio, Rate, Result, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { reportBotAnswer } from '../../api/bot.ts';
import {
  type ChatSession,
  type ChatTurn,
  chatState,
  endChat,
  openSession,
  requestOtp,
  sendChat,
} from '../../api/chat.ts';
import { newIdempotencyKey } from '../../app/api.ts';
import { toApiError, useDraft } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useTypingFlag, useTypingSignal } from '../../app/typing.ts';
import { LocaleSwitch } from '../shared/LocaleSwitch.tsx';
import { ChatMessage } from './ChatMessage.tsx';
import { loadChatSession, saveChatSession } from './chatSession.ts';
import { type ChatSocketEvent, useChatSocket } from './useChatSocket.ts';

/**
 * The card holder's online service (mobile first). They identify with their registered mobile and a
 * one-time code, chat with an agent in real time, see the case numbers and the emergency checklist they
 * were sent, and rate the service at the end. Every message is plain text: nothing a message contains runs.
 */
export default function CustomerChatPortal() {
  const { t } = useI18n();
  const [session, setSession] = useState<ChatSession | null>(loadChatSession);
  const [ended, setEnded] = useState<'rating' | 'done' | null>(null);
  return (
    <div style={{ minHeight: '100dvh', background: '#eef2f7', display: 'flex', justifyContent: 'center' }}>
      <div
        style={{
          width: '100%',
          maxWidth: 560,
          display: 'flex',
          flexDirection: 'column',
          height: '100dvh',
          background: '#fff',
        }}
      >
        <header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            padding: '10px 14px',
            background: '#14335f',
            color: '#fff',
          }}
        >
          <Typography.Text strong style={{ color: '#fff', flex: 1, fontSize: 16 }}>
            {t('信用卡在线客服', 'Credit card online service')}
          </Typography.Text>
          <LocaleSwitch />
        </header>
        {ended === 'done' ? (
          <Result
            status="success"
            title={t('感谢您的评价', 'Thank you for your feedback')}
            subTitle={t('祝您生活愉快!', 'Have a nice day!')}
          />
        ) : session ? (
          <ChatRoom
            session={session}
            rating={ended === 'rating'}
            onEnd={() => setEnded('rating')}
            onRated={() => {
              saveChatSession(null);
              setSession(null);
              setEnded('done');
            }}
          />
        ) : (
          <Identify
            onSession={(s) => {
              saveChatSession(s);
              setSession(s);
            }}
          />
        )}
      </div>
    </div>
  );
}

function Identify({ onSession }: { onSession(s: ChatSession): void }) {
  const { t } = useI18n();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [first, setFirst] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main style={{ padding: 20, display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('验证身份后开始咨询', 'Verify yourself to start')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t(
          '请输入您在本行预留的手机号,我们将发送一次性验证码。客服不会索要您的密码或卡片验证码。',
          'Enter your registered mobile number for a one-time code. We never ask for your PIN or CVV2.',
        )}
      </Typography.Paragraph>
      <label htmlFor="chat-phone">{t('手机号', 'Mobile number')}</label>
      <Input
        id="chat-phone"
        size="large"
        inputMode="tel"
        autoComplete="tel"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        maxLength={20}
        data-testid="chat-phone"
      />
      <Button
        size="large"
        loading={busy && !sent}
        disabled={phone.trim().length < 11}
        onClick={() =>
          run(async () => {
            await requestOtp(phone.trim());
            setSent(true);
          })
        }
        data-testid="chat-send-code"
      >
        {sent ? t('重新发送验证码', 'Send the code again') : t('获取验证码', 'Send me a code')}
      </Button>
      {sent && (
        <>
          <Alert
            type="info"
            showIcon
            message={t('验证码已发送(5 分钟内有效)', 'Code sent (valid for 5 minutes)')}
            description={t(
              '演示环境不真正发送短信:验证码可在坐席工作台的“演示短信”中查看。',
              'The demo sends no SMS: the code is shown in the agent workstation under "Demo SMS".',
            )}
          />
          <label htmlFor="chat-code">{t('验证码', 'Code')}</label>
          <Input
            id="chat-code"
            size="large"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            data-testid="chat-code"
          />
          <label htmlFor="chat-first">{t('您想咨询什么?(可选)', 'What can we help with? (optional)')}</label>
          <Input.TextArea
            id="chat-first"
            rows={2}
            maxLength={2000}
            value={first}
            onChange={(e) => setFirst(e.target.value)}
            data-testid="chat-first"
          />
          <Button
            type="primary"
            size="large"
            loading={busy}
            disabled={!/^\d{6}$/.test(code.trim())}
            onClick={() =>
              run(async () => onSession(await openSession(phone.trim(), code.trim(), first.trim() || undefined)))
            }
            data-testid="chat-start"
          >
            {t('开始咨询', 'Start chatting')}
          </Button>
        </>
      )}
      {error && <Alert type="error" showIcon message={error} role="alert" />}
    </main>
  );
}

function ChatRoom({
  session,
  rating,
  onEnd,
  onRated,
}: {
  session: ChatSession;
  rating: boolean;
  onEnd(): void;
  onRated(): void;
}) {
  const { t } = useI18n();
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  // Answers of the assistant the customer reported as wrong (this page's own record; the server keeps one per answer).
  const [reported, setReported] = useState<ReadonlySet<number>>(new Set());
  const report = useCallback(
    (seq: number) => {
      setReported((r) => new Set(r).add(seq));
      reportBotAnswer(session.token, newIdempotencyKey(), seq).catch(() =>
        setReported((r) => {
          const next = new Set(r);
          next.delete(seq);
          return next;
        }),
      );
    },
    [session.token],
  );
  const [status, setStatus] = useState<string>('waiting');
  const [agentNo, setAgentNo] = useState<string | null>(null);
  const [assistant, setAssistant] = useState(false);
  const [draft, setDraft, clearDraft] = useDraft(`chat.${session.contactId}`, '');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const pendingKey = useRef<string | null>(null);
  const lastSeq = useRef(0);
  const logRef = useRef<HTMLDivElement | null>(null);

  const merge = useCallback((more: ChatTurn[]) => {
    if (more.length === 0) return;
    setTurns((prev) => {
      const bySeq = new Map(prev.map((x) => [x.seq, x]));
      for (const m of more) bySeq.set(m.seq, m);
      const list = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
      lastSeq.current = list[list.length - 1]?.seq ?? 0;
      return list;
    });
  }, []);
  const catchUp = useCallback(async () => {
    try {
      const s = await chatState(session.token, lastSeq.current);
      merge(s.turns);
      setStatus(s.status);
      setAgentNo(s.agentNo);
      setAssistant(s.assistant === true);
      if (s.reported?.length) setReported((r) => new Set([...r, ...(s.reported ?? [])]));
    } catch (err) {
      setError(toApiError(err).message);
    }
  }, [session.token, merge]);

  const [agentTyping, markAgentTyping, clearAgentTyping] = useTypingFlag();
  const outbox = useRef<((msg: { type: 'typing' }) => void) | null>(null);
  const [typing] = useTypingSignal(() => outbox.current?.({ type: 'typing' }));
  const onEvent = useCallback(
    (e: ChatSocketEvent) => {
      if (e.type === 'typing') markAgentTyping();
      else if (e.type === 'message') {
        merge([e.data]);
        if (e.data.speaker === 'agent') clearAgentTyping();
      } else if (e.type === 'agent_joined') {
        setStatus('active');
        setAgentNo(e.data.agentNo);
      } else if (e.type === 'transferring') {
        setStatus('waiting');
        setAssistant(false);
      } else if (e.type === 'closed') setStatus('closed');
    },
    [merge, markAgentTyping, clearAgentTyping],
  );
  const socket = useChatSocket(session.token, onEvent, outbox);
  useEffect(() => {
    if (socket === 'open') void catchUp();
  }, [socket, catchUp]);
  useEffect(() => {
    void catchUp();
  }, [catchUp]);
  useEffect(() => {
    const el = logRef.current;
    if (el && turns.length > 0) el.scrollTop = el.scrollHeight;
  }, [turns]);

  const send = async () => {
    const text = draft.trim();
    if (!text) return;
    // The same key for a retry of the same message: a lost answer never posts it twice.
    pendingKey.current ??= newIdempotencyKey();
    setSending(true);
    setError(null);
    try {
      merge([await sendChat(session.token, pendingKey.current, text)]);
      pendingKey.current = null;
      clearDraft();
    } catch (err) {
      const e = toApiError(err);
      if (e.code !== 'NETWORK') pendingKey.current = null;
      setError(e.message);
    } finally {
      setSending(false);
    }
  };

  const closed = status === 'closed';
  return (
    <>
      <div
        style={{ padding: '6px 14px', background: '#f6f8fb', borderBottom: '1px solid #e5e7eb', fontSize: 13 }}
        role="status"
        data-testid="chat-status"
      >
        {status === 'active'
          ? agentNo
            ? t(`${agentNo} 号客服为您服务`, `Agent ${agentNo} is with you`)
            : t('专员为您服务', 'A specialist is with you')
          : status === 'closed'
            ? t('会话已结束', 'The chat has ended')
            : assistant
              ? t('智能助手为您服务', 'The assistant is with you')
              : t('正在为您接通人工客服,请稍候…', 'Connecting you to an agent…')}
        {socket !== 'open' && !closed && <span className="cd-muted"> · {t('连接中', 'connecting')}</span>}
        {agentTyping && !closed && (
          <span className="cd-muted" data-testid="agent-typing">
            {' '}
            · {t('客服正在输入…', 'The agent is typing…')}
          </span>
        )}
      </div>
      <div
        ref={logRef}
        role="log"
        aria-live="polite"
        data-testid="chat-log"
        style={{ flex: 1, overflowY: 'auto', padding: 12, background: '#f3f5f8' }}
      >
        {turns.map((m) => (
          <ChatMessage key={m.seq} turn={m} reported={reported.has(m.seq)} onReport={report} />
        ))}
      </div>
      {rating ? (
        <RatingPanel session={session} onRated={onRated} />
      ) : (
        <footer
          style={{ padding: 10, borderTop: '1px solid #e5e7eb', display: 'flex', flexDirection: 'column', gap: 8 }}
        >
          {error && <Alert type="error" showIcon message={error} role="alert" />}
          <div style={{ display: 'flex', gap: 8 }}>
            <textarea
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                typing();
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  void send();
                }
              }}
              disabled={closed}
              rows={2}
              maxLength={2000}
              aria-label={t('输入消息', 'Your message')}
              placeholder={t('请输入您的问题,回车发送', 'Type your question; Enter sends')}
              data-testid="chat-input"
              style={{
                flex: 1,
                resize: 'none',
                font: 'inherit',
                fontSize: 15,
                padding: 8,
                border: '1px solid #d0d5dd',
                borderRadius: 6,
              }}
            />
            <Button
              type="primary"
              onClick={send}
              loading={sending}
              disabled={closed || !draft.trim()}
              style={{ height: 'auto' }}
              data-testid="chat-send"
            >
              {t('发送', 'Send')}
            </Button>
          </div>
          <Button onClick={onEnd} data-testid="chat-end">
            {closed ? t('评价本次服务', 'Rate this service') : t('结束咨询并评价', 'End and rate')}
          </Button>
        </footer>
      )}
    </>
  );
}

function RatingPanel({ session, onRated }: { session: ChatSession; onRated(): void }) {
  const { t } = useI18n();
  // Nothing is chosen for the customer: an untouched rating is no rating.
  const [score, setScore] = useState(0);
  const [resolved, setResolved] = useState<boolean | undefined>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await endChat(session.token, key.current, {
        ...(score > 0 ? { rating: score } : {}),
        ...(resolved === undefined ? {} : { resolved }),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      onRated();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card style={{ margin: 10 }} title={t('请为本次服务评分', 'Please rate this service')} data-testid="chat-rating">
      <Typography.Paragraph strong style={{ marginBottom: 6 }}>
        {t('问题是否解决?', 'Was your problem solved?')}
      </Typography.Paragraph>
      <Radio.Group
        value={resolved}
        onChange={(e) => setResolved(e.target.value as boolean)}
        optionType="button"
        data-testid="chat-resolved"
        options={[
          { value: true, label: t('已解决', 'Yes') },
          { value: false, label: t('未解决', 'No') },
        ]}
      />
      <Typography.Paragraph strong style={{ margin: '12px 0 6px' }}>
        {t('服务评分', 'Rating')}
      </Typography.Paragraph>
      <Rate value={score} onChange={setScore} style={{ fontSize: 28 }} data-testid="chat-stars" />
      <Input.TextArea
        rows={2}
        maxLength={500}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('您的建议(可选)', 'Your comments (optional)')}
        style={{ marginTop: 12 }}
      />
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 8 }} />}
      <Button
        type="primary"
        block
        size="large"
        onClick={submit}
        loading={busy}
        style={{ marginTop: 12 }}
        data-testid="chat-rate-submit"
      >
        {t('提交评价', 'Submit')}
      </Button>
    </Card>
  );
}
