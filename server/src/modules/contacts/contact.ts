import {
  CONTACT_CHANNELS,
  CONTACT_DIRECTIONS,
  CONTACT_OUTCOMES,
  CONTACT_STAGES,
  CONTACT_STATUSES,
  type ContactChannel,
  type ContactDirection,
  type ContactOutcome,
  type ContactStage,
  type ContactStatus,
  type ContactType,
  contactOutcomeSchema,
  contactStageSchema,
  contactTypeOf,
  type Intent,
  TYPE_PRECEDENCE,
  VERIFICATION_LEVELS,
  VERIFICATION_METHODS,
  type VerificationLevel,
  type VerificationMethod,
  verificationLevelSchema,
  verificationMethodSchema,
} from '@carddesk/contracts';

/**
 * Pure rules of a contact (no I/O): the standard service flow of work guide §3.1, outcomes and the
 * verification levels. Everything here is unit-tested on its own.
 */
export const CHANNELS = CONTACT_CHANNELS;
export type Channel = ContactChannel;
export const DIRECTIONS = CONTACT_DIRECTIONS;
export type Direction = ContactDirection;
export const STATUSES = CONTACT_STATUSES;
export type { ContactStatus };

/** greeting → identify/verify → understand need → handle → confirm satisfaction → closing (guide §3.1). */
export const STAGES = CONTACT_STAGES;
export const stageSchema = contactStageSchema;
export type Stage = ContactStage;

/**
 * Which stage may follow which. Verification may be skipped (a general question needs none) and is
 * stepped up later when an operation needs it; after confirming, a customer with another need goes back
 * to understanding it ("是否有其他需求"). Closing is only reached from confirmation here; closing a
 * contact that never confirmed needs a written reason (see `closeCheck`).
 */
export const STAGE_TRANSITIONS: Readonly<Record<Stage, readonly Stage[]>> = {
  greeting: ['verify', 'need'],
  verify: ['need', 'handle'],
  need: ['verify', 'handle'],
  handle: ['verify', 'need', 'confirm'],
  confirm: ['need', 'handle', 'closing'],
  closing: [],
};

export function canMove(from: Stage, to: Stage): boolean {
  return STAGE_TRANSITIONS[from].includes(to);
}

export const OUTCOMES = CONTACT_OUTCOMES;
export const outcomeSchema = contactOutcomeSchema;
export type Outcome = ContactOutcome;

/** none < basic < strong */
export const LEVELS = VERIFICATION_LEVELS;
export const levelSchema = verificationLevelSchema;
export type Level = VerificationLevel;

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function atLeast(have: Level, need: Level): boolean {
  return levelRank(have) >= levelRank(need);
}

export const METHODS = VERIFICATION_METHODS;
export const methodSchema = verificationMethodSchema;
export type Method = VerificationMethod;

/** How verification levels are reached; a settings row can change it (see settings.ts). */
export interface LevelPolicy {
  /** The level one successful method gives on its own. */
  methodLevels: Record<Method, Level>;
  /** `strong` needs every method of `all` and one of `anyOf` (possession plus knowledge). */
  strong: { all: Method[]; anyOf: Method[] };
}

/** The level a contact has reached given the methods that succeeded on it. */
export function levelFromMethods(passed: readonly Method[], policy: LevelPolicy): Level {
  let level: Level = 'none';
  for (const m of passed) if (levelRank(policy.methodLevels[m]) > levelRank(level)) level = policy.methodLevels[m];
  const { all, anyOf } = policy.strong;
  if (all.every((m) => passed.includes(m)) && (anyOf.length === 0 || anyOf.some((m) => passed.includes(m)))) {
    level = 'strong';
  }
  return level;
}

/** The more urgent of two types by the guide's precedence (emergency > complaint > transaction > consult). */
export function higherType(a: ContactType | null, b: ContactType | null): ContactType | null {
  if (a === null) return b;
  if (b === null) return a;
  return TYPE_PRECEDENCE.indexOf(a) <= TYPE_PRECEDENCE.indexOf(b) ? a : b;
}

/**
 * A contact's type: what its intents say, but never below what was raised on it by an action — an
 * emergency block, or a complaint case opened from it (intents.md: once a complaint is raised the type is
 * `complaint` unless it is an emergency). A later reclassification by the agent cannot undo either.
 */
export function effectiveType(intents: readonly Intent[], raised: ContactType | null): ContactType | null {
  return higherType(contactTypeOf(intents), raised);
}

/** Why other modules raise a contact's type: the emergency lane, or a case opened from the contact. */
export type RaiseKind = 'emergency' | 'complaint';

/**
 * The outcome recorded at closing. A case opened from the contact carries the follow-up with its own
 * clock, so "resolved at first contact" or "follow-up promised" would understate it: the contact closes as
 * `case_opened`. A transfer or an abandoned chat says more about the contact itself and stands.
 */
export function closingOutcome(requested: Outcome, casesOpened: number): Outcome {
  if (casesOpened > 0 && (requested === 'resolved_first_contact' || requested === 'follow_up_promised')) {
    return 'case_opened';
  }
  return requested;
}

/**
 * What a contact must carry to close with its outcome: at least one intent (an unclassified contact counts
 * in no report and no FCR figure), and for "follow-up promised" a promise recorded on this very contact —
 * otherwise nobody owns the follow-up the customer was told of. Returns the refusal's error code, or null.
 */
export function closeRefusal(c: {
  intents: readonly Intent[];
  outcome: Outcome;
  promisesOnContact: number;
}): 'CONTACT_UNCLASSIFIED' | 'CONTACT_PROMISE_REQUIRED' | null {
  if (c.intents.length === 0) return 'CONTACT_UNCLASSIFIED';
  if (c.outcome === 'follow_up_promised' && c.promisesOnContact === 0) return 'CONTACT_PROMISE_REQUIRED';
  return null;
}

/** Whether a contact may close: confirmation happened, or the agent wrote why it did not. */
export function closeCheck(stagesSeen: readonly Stage[], skipReason: string | undefined): 'ok' | 'reason_required' {
  if (stagesSeen.includes('confirm')) return 'ok';
  return skipReason && skipReason.trim().length >= 2 ? 'ok' : 'reason_required';
}

/** A contact counts against an agent's well-being when it was hostile or a complaint (guide §1.3). */
export function isStressful(c: { hostile: boolean; type: ContactType | null }): boolean {
  return c.hostile || c.type === 'complaint';
}

/** Risk flags carried in a hand-over packet, derived from what happened on the contact. */
export function riskFlags(c: {
  type: ContactType | null;
  intents: readonly Intent[];
  hostile: boolean;
  failedVerifications: number;
  level: Level;
}): string[] {
  const flags: string[] = [];
  if (c.type === 'emergency') flags.push('emergency');
  if (c.intents.includes('fraud_report')) flags.push('suspected_fraud');
  if (c.type === 'complaint') flags.push('complaint');
  if (c.hostile) flags.push('hostile_customer');
  if (c.failedVerifications > 0) flags.push('failed_verification');
  if (c.level === 'none') flags.push('not_verified');
  return flags;
}

/** The scripted greeting and closing (guide §3.1: greet and state the agent ID; thank and close). */
export interface Scripts {
  greeting: Record<Channel, string>;
  closing: Record<Channel, string>;
}

export function renderScript(template: string, agentNo: string | null): string {
  return template.replaceAll('{agentNo}', agentNo ?? '—');
}
