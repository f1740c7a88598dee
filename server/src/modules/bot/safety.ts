import type { Ctx } from '../../platform/context.ts';
import { findAuthDataInText } from '../../platform/pii/auth-data.ts';
import { checkDraft, type GuardVerdict } from '../quality/index.ts';

/**
 * The checks every reply of the chat assistant passes before the customer sees it (issue 20 §7). The rules
 * agents' chat replies are held to are the quality module's real-time guard (`checkDraft`: the guard items
 * of the published scorecard — requests for authentication data, full card/ID numbers, promises beyond
 * authority, forbidden words), so the assistant is checked by the same rules, not a list of its own; it is
 * held stricter than a person, who may send past a warning below fatal: any guard finding stops its reply.
 * The assistant's own checks go further than a person's: authentication data carried in the text, any
 * guarantee (not only of outcomes beyond a person's authority), and figures — a figure the reply quotes must
 * come from the card engine or the approved article. A reply that fails is not sent: the
 * assistant hands the chat to a person instead.
 */
export type SafetyProblem =
  | 'asks_auth_data'
  | 'carries_auth_data'
  | 'full_number'
  | 'invented_figure'
  | 'promise'
  | 'forbidden_words'
  | 'guard_rule';

/** The guard items of the default scorecard, as the assistant names what went wrong. */
const GUARD_ITEM_PROBLEM: Record<string, SafetyProblem> = {
  no_sensitive_request: 'asks_auth_data',
  no_full_number: 'full_number',
  no_unauthorised_promise: 'promise',
  forbidden_words: 'forbidden_words',
};

// Any guarantee at all: the guard's promise rule is about outcomes decided elsewhere (waivers, refunds,
// approvals) that a person might overstep their authority on; the assistant promises nothing ("我们保证您明天到账").
const GUARANTEE =
  /(保证(您|会|能|给您|为您)|一定(会|能)(为您|给您|帮您)|肯定(会|能)|包您|绝对(会|能)|承诺(您|会)|百分之百)/;

/** Digit runs a reply may carry only when one of the allowed texts (engine figures, the article) has them. */
function figures(text: string): string[] {
  return (text.replace(/[,，]/g, '').match(/\d+(?:\.\d+)?/g) ?? []).filter((d) => d.length > 0);
}

/** The assistant's own checks (no database): authentication data in the text, figures from nowhere, any guarantee. */
export function checkOwnRules(text: string, allowed: readonly string[]): SafetyProblem[] {
  const problems: SafetyProblem[] = [];
  if (GUARANTEE.test(text)) problems.push('promise');
  if (findAuthDataInText(text).length > 0) problems.push('carries_auth_data');
  const allowedFigures = new Set(allowed.flatMap(figures));
  if (figures(text).some((f) => !allowedFigures.has(f))) problems.push('invented_figure');
  return problems;
}

/** The guard's findings as the assistant's problems (every finding counts, fatal or not). */
export function guardProblems(verdict: GuardVerdict): SafetyProblem[] {
  return [...new Set(verdict.warnings.map((w) => GUARD_ITEM_PROBLEM[w.item] ?? 'guard_rule'))];
}

export async function checkReply(
  ctx: Pick<Ctx, 'db'>,
  text: string,
  allowed: readonly string[],
): Promise<SafetyProblem[]> {
  const verdict = await checkDraft(ctx, { channel: 'chat', text });
  return [...new Set([...guardProblems(verdict), ...checkOwnRules(text, allowed)])];
}
