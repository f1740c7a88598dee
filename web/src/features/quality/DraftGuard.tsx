import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { type GuardVerdict, guardDraft } from '../../api/quality.ts';
import { useI18n } from '../../app/i18n.tsx';

/**
 * The real-time guard on the chat reply being typed: the draft is checked with the published rules a
 * moment after typing stops. A warning names the rule; a blocking one (fatal) keeps the send disabled
 * until the draft is rephrased — and the server refuses such a reply anyway.
 */
export function useDraftGuard(draft: string, enabled: boolean): { verdict: GuardVerdict | null; checking: boolean } {
  const [state, setState] = useState<{ text: string; verdict: GuardVerdict } | null>(null);
  const text = draft.trim();
  useEffect(() => {
    if (!enabled || !text) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      guardDraft(text, ctrl.signal).then(
        (verdict) => setState({ text, verdict }),
        () => {},
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, enabled]);
  if (!enabled || !text) return { verdict: null, checking: false };
  const current = state?.text === text ? state.verdict : null;
  return { verdict: current, checking: current === null };
}

export function DraftGuardWarnings({ verdict }: { verdict: GuardVerdict | null }) {
  const { t } = useI18n();
  if (!verdict || verdict.warnings.length === 0) return null;
  return (
    <div data-testid="qa-guard" style={{ marginTop: 6, display: 'flex', flexDirection: 'column', gap: 4 }}>
      {verdict.warnings.map((w) => (
        <Alert
          key={w.item}
          type={w.blocking ? 'error' : 'warning'}
          showIcon
          data-testid={`qa-guard-${w.item}`}
          message={
            w.blocking
              ? t(`质检红线「${w.title}」:请修改后再发送`, `Fatal rule “${w.title}”: rephrase before sending`)
              : t(`质检提醒「${w.title}」`, `Quality warning “${w.title}”`)
          }
          description={w.evidence ? `${t('依据', 'Evidence')}: ${w.evidence}` : undefined}
        />
      ))}
    </div>
  );
}
