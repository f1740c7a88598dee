import { useEffect, useRef, useState } from 'react';
import { getSession } from './session.ts';

/** A live event as the server sends it over `/api/ws`. */
export interface LiveEvent<T = unknown> {
  topic: string;
  event: string;
  data: T;
  at: string;
}

type Handler = (e: LiveEvent) => void;
export type LiveStatus = 'connecting' | 'open' | 'closed';

/**
 * One WebSocket per page for staff live updates. It authenticates with the first message (the token never
 * goes into a URL), re-subscribes after reconnecting, and backs off when the server is away. Components
 * subscribe to topics through `useLive`; the socket holds the union of what they listen to.
 */
class LiveClient {
  private ws: WebSocket | null = null;
  private handlers = new Map<string, Set<Handler>>();
  private statusListeners = new Set<(s: LiveStatus) => void>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  status: LiveStatus = 'closed';

  constructor(
    private readonly path: string,
    private readonly token: () => string | null | undefined,
  ) {}

  on(topic: string, handler: Handler): () => void {
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
      this.send({ type: 'subscribe', topics: [topic] });
    }
    set.add(handler);
    this.ensure();
    return () => {
      const s = this.handlers.get(topic);
      if (!s) return;
      s.delete(handler);
      if (s.size === 0) {
        this.handlers.delete(topic);
        this.send({ type: 'unsubscribe', topics: [topic] });
      }
    };
  }

  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(s: LiveStatus) {
    this.status = s;
    for (const l of this.statusListeners) l(s);
  }

  private send(msg: unknown) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN && this.status === 'open') this.ws.send(JSON.stringify(msg));
  }

  private ensure() {
    if (this.ws || this.timer) return;
    const token = this.token();
    if (!token) return;
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${window.location.host}${this.path}`);
    this.ws = ws;
    this.setStatus('connecting');
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
    ws.onmessage = (m) => {
      let msg: { type: string } & Partial<LiveEvent>;
      try {
        msg = JSON.parse(String(m.data));
      } catch {
        return;
      }
      if (msg.type === 'ready') {
        this.retry = 0;
        this.setStatus('open');
        const topics = [...this.handlers.keys()];
        if (topics.length > 0) this.send({ type: 'subscribe', topics });
      } else if (msg.type === 'event' && msg.topic) {
        for (const h of this.handlers.get(msg.topic) ?? []) h(msg as LiveEvent);
      }
    };
    ws.onclose = () => {
      this.ws = null;
      this.setStatus('closed');
      if (this.handlers.size === 0) return;
      const delay = Math.min(15_000, 500 * 2 ** this.retry++);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.ensure();
      }, delay);
    };
  }

  close() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.handlers.clear();
    this.ws?.close();
    this.ws = null;
  }
}

let staffClient: LiveClient | null = null;

export function staffLive(): LiveClient {
  staffClient ??= new LiveClient('/api/ws', () => getSession()?.token);
  return staffClient;
}

export function closeStaffLive(): void {
  staffClient?.close();
  staffClient = null;
}

/** Calls `handler` for every event on `topics` (null/empty = none) while the component is mounted. */
export function useLive(topics: readonly string[] | null, handler: Handler): LiveStatus {
  const ref = useRef(handler);
  ref.current = handler;
  const [status, setStatus] = useState<LiveStatus>(() => staffLive().status);
  const key = (topics ?? []).join('|');
  useEffect(() => {
    const client = staffLive();
    const offStatus = client.onStatus(setStatus);
    const offs = key ? key.split('|').map((t) => client.on(t, (e) => ref.current(e))) : [];
    setStatus(client.status);
    return () => {
      offStatus();
      for (const off of offs) off();
    };
  }, [key]);
  return status;
}
