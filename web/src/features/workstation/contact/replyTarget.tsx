import { Button } from 'antd';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useT } from '../../../app/i18n.tsx';

/**
 * "插入回复": the open chat's reply box registers itself here; knowledge articles, assist answers and
 * canned replies insert text into it from anywhere on the desk. One reply box is open at a time.
 */
let target: ((text: string) => void) | null = null;
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

export function useReplyTarget(onInsert: (text: string) => void): void {
  const ref = useRef(onInsert);
  ref.current = onInsert;
  useEffect(() => {
    const mine = (text: string) => ref.current(text);
    target = mine;
    notify();
    return () => {
      if (target === mine) target = null;
      notify();
    };
  }, []);
}

function useHasReplyTarget(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => target !== null,
  );
}

/** Markdown (an article as rendered with live parameters) as plain text a customer can read in a chat. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '· ')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The "插入回复" button: shown while a chat's reply box is open. */
export function InsertReplyButton({ text, testId = 'insert-reply' }: { text: string; testId?: string }) {
  const t = useT();
  const open = useHasReplyTarget();
  if (!open) return null;
  return (
    <Button size="small" onClick={() => target?.(text)} data-testid={testId}>
      {t('插入回复', 'Insert into reply')}
    </Button>
  );
}
