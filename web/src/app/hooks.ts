import { App } from 'antd';
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from './api.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads data on mount and whenever `deps` change; the last answer wins (earlier ones are aborted). */
export function useLoad<T>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: load !== null,
  });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the loader depends on
  useEffect(() => {
    if (!load) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    load(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setState((s) => ({ ...s, error: toApiError(err), loading: false }));
      },
    );
    return () => ctrl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('CLIENT', err instanceof Error ? err.message : String(err), 0);
}

/**
 * One user action that changes something. The Idempotency-Key is created when the action starts and kept
 * until it succeeds, so pressing "retry" after a lost answer repeats the same request (the server returns
 * the first result instead of doing the work twice). Errors are shown in plain language.
 */
export function useAction<A extends unknown[], R>(
  run: (key: string, ...args: A) => Promise<R>,
  options: { success?: string; silent?: boolean } = {},
): { run: (...args: A) => Promise<R | undefined>; busy: boolean; error: ApiError | undefined; reset(): void } {
  const { message } = App.useApp();
  const keyRef = useRef<string | null>(null);
  const argsRef = useRef<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const exec = useCallback(
    async (...args: A) => {
      const signature = JSON.stringify(args);
      // A different request is a different action: it gets its own key.
      if (!keyRef.current || argsRef.current !== signature) keyRef.current = newIdempotencyKey();
      argsRef.current = signature;
      setBusy(true);
      setError(undefined);
      try {
        const result = await run(keyRef.current, ...args);
        keyRef.current = null;
        if (options.success) void message.success(options.success);
        return result;
      } catch (err) {
        const e = toApiError(err);
        // A refusal by the server is final for this key; only a lost connection keeps it for the retry.
        if (e.code !== 'NETWORK') keyRef.current = null;
        setError(e);
        if (!options.silent) void message.error(e.message);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [run, message, options.success, options.silent],
  );
  const reset = useCallback(() => {
    keyRef.current = null;
    setError(undefined);
  }, []);
  return { run: exec, busy, error, reset };
}

/**
 * A value the user types, kept in localStorage under `key` so a reload (or a crashed tab) loses nothing.
 * Pass `null` as the key to keep it in memory only.
 */
export function useDraft<T>(key: string | null, initial: T): [T, (v: T | ((prev: T) => T)) => void, () => void] {
  // The initial value is only a fallback: a new one on each render must not reset the draft.
  const initialRef = useRef(initial);
  const read = useCallback((): T => {
    if (!key) return initialRef.current;
    try {
      const raw = localStorage.getItem(`carddesk.draft.${key}`);
      return raw === null ? initialRef.current : (JSON.parse(raw) as T);
    } catch {
      return initialRef.current;
    }
  }, [key]);
  const [value, setValue] = useState<T>(read);
  const keyRef = useRef(key);
  useEffect(() => {
    if (keyRef.current !== key) {
      keyRef.current = key;
      setValue(read());
    }
  }, [key, read]);
  const set = useCallback(
    (v: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const next = typeof v === 'function' ? (v as (p: T) => T)(prev) : v;
        if (key) {
          try {
            localStorage.setItem(`carddesk.draft.${key}`, JSON.stringify(next));
          } catch {
            // Storage full or unavailable: the draft stays in memory.
          }
        }
        return next;
      });
    },
    [key],
  );
  const clear = useCallback(() => {
    if (key) localStorage.removeItem(`carddesk.draft.${key}`);
    setValue(initialRef.current);
  }, [key]);
  return [value, set, clear];
}

/** Removes every draft whose key starts with `prefix` (a finished contact's notes and forms). */
export function clearDrafts(prefix: string): void {
  const full = `carddesk.draft.${prefix}`;
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const k = localStorage.key(i);
    if (k?.startsWith(full)) localStorage.removeItem(k);
  }
}

/** Pairs of key name ("F2", "Ctrl+K", "Alt+3") and handler. */
export type HotkeyMap = ReadonlyArray<readonly [string, (e: KeyboardEvent) => void]>;

/** Normalises a key event to names like "F2", "Ctrl+K", "Alt+3", "Ctrl+Enter". */
export function keyName(e: KeyboardEvent): string {
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('Ctrl');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey && e.key.length > 1) parts.push('Shift');
  // Alt+digit yields other characters on some layouts: use the physical key for digits.
  const digit = /^Digit(\d)$/.exec(e.code)?.[1];
  const key = digit ?? (e.key.length === 1 ? e.key.toUpperCase() : e.key);
  parts.push(key);
  return parts.join('+');
}

/** Global keyboard shortcuts; they work while typing too (function keys and modifier chords only). */
export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const name = keyName(e);
      const handler = ref.current.find(([k]) => k === name)?.[1];
      if (!handler) return;
      e.preventDefault();
      handler(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** Re-renders every `ms` (clocks and countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** Where the workstation remembers the contact an agent had open (across a reload). */
export const activeContactKey = (userId: string) => `carddesk.desk.active.${userId}`;

/** Sign-out: every draft and the remembered open contact leave the device with the session. */
export function clearLocalWork(userId: string): void {
  clearDrafts('');
  localStorage.removeItem(activeContactKey(userId));
}
