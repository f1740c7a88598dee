/**
 * The real-time guard: before an agent's reply is sent, the scorecard's guard items (forbidden phrases,
 * requests for authentication data, full numbers, promises beyond authority) check the draft as if it were
 * an agent turn. A warning names the rule; a fatal one blocks the send until the draft is rephrased.
 */
import { type CompiledScorecard, inspectDraft } from './engine.ts';
import type { Severity } from './scorecard.ts';

export interface GuardWarning {
  item: string;
  title: string;
  severity: Severity;
  /** The words in the draft that broke the rule. */
  evidence: string;
  /** Fatal: the reply may not be sent as it is. */
  blocking: boolean;
}

export interface GuardVerdict {
  warnings: GuardWarning[];
  blocked: boolean;
}

export function guardDraft(scorecard: CompiledScorecard, channel: 'phone' | 'chat', text: string): GuardVerdict {
  const items = new Map(scorecard.definition.items.map((i) => [i.code, i]));
  const warnings: GuardWarning[] = [];
  for (const f of inspectDraft(scorecard, channel, text)) {
    const item = items.get(f.item);
    if (!item || f.result !== 'fail') continue;
    warnings.push({
      item: item.code,
      title: item.title,
      severity: item.severity,
      evidence: f.evidence,
      blocking: item.severity === 'fatal',
    });
  }
  return { warnings, blocked: warnings.some((w) => w.blocking) };
}
