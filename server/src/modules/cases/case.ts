import {
  CASE_CHANNELS,
  CASE_FEEDBACK,
  CASE_KINDS,
  CASE_STATES,
  type CaseFeedback,
  type CaseKind,
  type CaseState,
} from '@carddesk/contracts';
import { assertNever } from '../../platform/errors.ts';

/**
 * The case model: complaints (投诉) and fraud cases (盗刷/欺诈) opened from the emergency lane. Pure
 * domain rules — states, transitions, numbering — with no I/O.
 */
/**
 * received      受理: recorded; the first agent (首问负责人) is responsible
 * referred      已转办: sent to a department with the hand-over packet, not yet accepted there
 * in_progress   处理中: accepted by a department or handler, or reopened
 * resolved      已办结: a decision (result) is recorded, the customer has not yet been told
 * notified      已告知: the customer was told the result and asked for feedback
 * under_review  核查中: the customer asked for a review of the decision
 * closed        已结案: result told, feedback recorded, root cause and remediation recorded
 */
export { CASE_KINDS, CASE_STATES, type CaseKind, type CaseState };

export const OPEN_STATES: readonly CaseState[] = ['received', 'referred', 'in_progress', 'under_review'];
/**
 * States in which the regulatory clock still runs: the customer has not been told the result yet. The rule
 * is to decide *and tell* (作出处理决定并告知, CBIRC Order 2020 No. 3), so a decision recorded but not yet
 * told (`resolved`) keeps the clock, its reminders and its breach escalation running.
 */
export const CLOCK_RUNNING_STATES: readonly CaseState[] = [...OPEN_STATES, 'resolved'];

export type CaseAction =
  | 'refer'
  | 'accept'
  | 'decline'
  | 'resolve'
  | 'notify_result'
  | 'close'
  | 'reopen'
  | 'request_review';

const TRANSITIONS: Record<CaseAction, { from: readonly CaseState[]; to: CaseState }> = {
  refer: { from: ['received', 'in_progress'], to: 'referred' },
  accept: { from: ['referred'], to: 'in_progress' },
  // A department that is not responsible sends it back; the first agent stays responsible.
  decline: { from: ['referred'], to: 'received' },
  resolve: { from: ['received', 'in_progress', 'under_review'], to: 'resolved' },
  notify_result: { from: ['resolved'], to: 'notified' },
  close: { from: ['notified'], to: 'closed' },
  reopen: { from: ['notified', 'closed'], to: 'in_progress' },
  request_review: { from: ['notified', 'closed'], to: 'under_review' },
};

export function nextState(from: CaseState, action: CaseAction): CaseState | undefined {
  const t = TRANSITIONS[action];
  return t.from.includes(from) ? t.to : undefined;
}

export const CHANNELS = CASE_CHANNELS;
export type Channel = (typeof CHANNELS)[number];
/** How a complaint came in, in words (the analysis and its export show these, never the codes). */
export const CHANNEL_NAMES: Record<Channel, string> = {
  phone: '电话',
  chat: '在线会话',
  app: '手机银行',
  branch: '网点',
  letter: '信函',
  email: '电子邮件',
  regulator: '监管转办',
};

export const FEEDBACK = CASE_FEEDBACK;
/** `no_answer`: the customer was asked and gave none (several attempts are recorded as notes). */
export type Feedback = CaseFeedback;

/** Case numbers a customer can quote: TS20261129-0001 (投诉), FR20261129-0001 (欺诈), HK… (还款未入账). */
export function casePrefix(kind: CaseKind): 'TS' | 'FR' | 'HK' {
  switch (kind) {
    case 'complaint':
      return 'TS';
    case 'fraud':
      return 'FR';
    case 'repayment_trace':
      return 'HK';
    default:
      return assertNever(kind);
  }
}

export function formatCaseNumber(kind: CaseKind, bankDate: string, seq: number): string {
  return `${casePrefix(kind)}${bankDate.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}

export const CASE_NUMBER_PATTERN = /^(TS|FR|HK)\d{8}-\d{4,}$/;

export const STATE_LABELS: Record<CaseState, string> = {
  received: '已受理',
  referred: '已转办',
  in_progress: '处理中',
  resolved: '已办结',
  notified: '已告知结果',
  under_review: '核查中',
  closed: '已结案',
};
