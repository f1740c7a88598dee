import type { ChatSession } from '../../api/chat.ts';

/** The card holder's chat token lives in this tab only (sessionStorage): a reload keeps the chat. */
const KEY = 'carddesk.chat.session';

export function loadChatSession(): ChatSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as ChatSession) : null;
    return s && Date.parse(s.expiresAt) > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function saveChatSession(s: ChatSession | null): void {
  try {
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage unavailable: the chat lasts as long as the page.
  }
}
