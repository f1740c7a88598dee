import type { Me } from '@carddesk/contracts';

/**
 * The staff session: bearer token and user with their permissions, kept in sessionStorage so a reload keeps the agent signed in
 * while closing the tab signs them out (a shared workstation must not stay signed in).
 */
export interface Session {
  token: string;
  expiresAt: string;
  user: Me;
}

const KEY = 'carddesk.session';
type Listener = () => void;
const listeners = new Set<Listener>();
let cached: Session | null | undefined;

export function getSession(): Session | null {
  if (cached !== undefined) return cached;
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Session) : null;
    // A session stored before sign-in answered with permissions counts as none: sign in again.
    const usable = parsed && Array.isArray(parsed.user?.permissions);
    cached = usable && new Date(parsed.expiresAt).getTime() > Date.now() ? parsed : null;
  } catch {
    cached = null;
  }
  return cached;
}

export function setSession(session: Session | null): void {
  cached = session;
  try {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage unavailable: the session lives in memory only.
  }
  for (const l of listeners) l();
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
