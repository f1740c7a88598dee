import { useCallback, useEffect, useRef, useState } from 'react';

/** How long "正在输入…" stays after the last signal, and how often one side signals while typing. */
const SHOWN_MS = 4000;
const EVERY_MS = 2500;

/**
 * Calls `signal` at most every few seconds while the user types (the other side shows an indicator). The
 * second function is for a sent message: the other side drops the indicator on it, so the next keystroke
 * must signal at once rather than wait out the last burst's interval.
 */
export function useTypingSignal(signal: () => void): [() => void, () => void] {
  const last = useRef(0);
  const ref = useRef(signal);
  ref.current = signal;
  const typing = useCallback(() => {
    const now = Date.now();
    if (now - last.current < EVERY_MS) return;
    last.current = now;
    ref.current();
  }, []);
  const sent = useCallback(() => {
    last.current = 0;
  }, []);
  return [typing, sent];
}

/** Whether the other side is typing: set by their signal, gone a few seconds after the last one. */
export function useTypingFlag(): [boolean, () => void, () => void] {
  const [on, setOn] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const clear = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    setOn(false);
  }, []);
  const mark = useCallback(() => {
    setOn(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setOn(false), SHOWN_MS);
  }, []);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return [on, mark, clear];
}
