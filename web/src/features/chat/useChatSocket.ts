import { type MutableRefObject, useEffect, useRef, useState } from 'react';
import type { ChatTurn } from '../../api/chat.ts';

export type ChatSocketEvent =
  | { type: 'message'; data: ChatTurn }
  | { type: 'agent_joined'; data: { agentNo: string | null } }
  | { type: 'transferring'; data: Record<string, never> }
  | { type: 'closed'; data: Record<string, never> }
  | { type: 'typing'; data: Record<string, never> };

/**
 * The customer's live channel (`/api/chat/ws`): authenticates with the chat token in the first message,
 * reconnects with back-off, and reports when it is (re)connected so the page can catch up on messages.
 */
export function useChatSocket(
  token: string | null,
  onEvent: (e: ChatSocketEvent) => void,
  /** Set to a sender while connected (the customer's "typing" signal goes this way). */
  outbox?: MutableRefObject<((msg: { type: 'typing' }) => void) | null>,
): 'open' | 'connecting' | 'closed' {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [status, setStatus] = useState<'open' | 'connecting' | 'closed'>('closed');
  useEffect(() => {
    if (!token) return;
    let ws: WebSocket | null = null;
    let retry = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const connect = () => {
      setStatus('connecting');
      const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      ws = new WebSocket(`${proto}//${window.location.host}/api/chat/ws`);
      ws.onopen = () => ws?.send(JSON.stringify({ type: 'auth', token }));
      ws.onmessage = (m) => {
        let msg: { type: string; data?: unknown };
        try {
          msg = JSON.parse(String(m.data));
        } catch {
          return;
        }
        if (msg.type === 'ready') {
          retry = 0;
          setStatus('open');
          if (outbox) outbox.current = (out) => ws?.send(JSON.stringify(out));
        } else if (['message', 'agent_joined', 'transferring', 'closed', 'typing'].includes(msg.type)) {
          handler.current(msg as ChatSocketEvent);
        }
      };
      ws.onclose = (e) => {
        setStatus('closed');
        if (outbox) outbox.current = null;
        ws = null;
        // 4401: the session is over; nothing to reconnect to.
        if (stopped || e.code === 4401) return;
        timer = setTimeout(connect, Math.min(15_000, 500 * 2 ** retry++));
      };
    };
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      ws?.close();
    };
  }, [token, outbox]);
  return status;
}
