import { useEffect, useRef } from 'react';

/** A case was opened or moved on in this tab: lists elsewhere on the screen refresh at once. */
const EVENT = 'carddesk:cases-changed';

export function casesChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function useCasesChanged(handler: () => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const on = () => ref.current();
    window.addEventListener(EVENT, on);
    return () => window.removeEventListener(EVENT, on);
  }, []);
}
