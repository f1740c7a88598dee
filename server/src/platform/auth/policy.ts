import { type ErrorCode, type Permission, ROLES, type Role } from '@carddesk/contracts';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';

/**
 * The one place that decides what each role may do. Services call `authorize(actor, action)` or
 * `can(actor, action)` (routes do not: they call services); nothing else compares role names — a decision
 * about another user (who may be assigned or handed something, who needs a department) asks `roleCan` or
 * `rolesGranted` here too. Modules add their actions here and their names to `PERMISSIONS` in
 * `@carddesk/contracts` (the type below makes the two lists agree), so the whole matrix can be read at once.
 * A signed-in user's own actions (`permissionsOf`) go to the web console with `/api/auth/me`.
 * Access to a particular customer's data is decided on top of this by the contacts module (active,
 * verified contact) — see `modules/contacts/access.ts`.
 */
const ALL_STAFF: readonly Role[] = ROLES;
const FRONT_LINE: readonly Role[] = ['agent', 'senior_agent', 'supervisor'];

/** Who a policy action may be granted to: staff roles, and the payment system (a system actor, not a role). */
type Grantee = Role | 'payment_system';

export const POLICY = {
  'users.manage': ['admin'],
  'users.read': ['admin', 'supervisor'],
  'departments.manage': ['admin'],
  'departments.read': ALL_STAFF,
  'settings.manage': ['admin'],
  'audit.verify': ['admin'],
  'events.subscribe': ALL_STAFF,
  'nlu.analyze': ALL_STAFF,
  'frontline.work': FRONT_LINE,
  // Demo mode only: the outbox of one-time codes, for the agents who play the customer in a chat.
  'demo.otp_outbox': ['agent', 'senior_agent'],
  // Contacts: handling calls/chats, reading any contact (oversight), the live floor, dashboards.
  'contacts.view': ['agent', 'senior_agent', 'supervisor', 'qa', 'dept_handler', 'admin'],
  'contacts.handle': ['agent', 'senior_agent', 'supervisor', 'dept_handler'],
  'contacts.read_all': ['supervisor', 'qa', 'admin'],
  'contacts.supervise': ['supervisor', 'admin'],
  'contacts.stats': ['supervisor', 'qa', 'admin'],
  // A team's canned chat replies (常用语): its senior agents and supervisors edit them.
  'contacts.canned_edit': ['senior_agent', 'supervisor'],
  // Serves the senior agents' queue (escalations), which has no department of its own to match.
  'contacts.senior_queue': ['senior_agent'],
  // Counted on the supervisor's live floor: the people who serve the queues (supervisors handle contacts
  // too, but they watch the floor rather than stand on it).
  'contacts.floor_staff': ['agent', 'senior_agent', 'dept_handler'],
  // May be handed a contact by name (a transfer to a person): not the QA inspectors nor the knowledge editors.
  'contacts.transfer_target': ['agent', 'senior_agent', 'supervisor', 'dept_handler', 'head_office', 'admin'],
  // The contacts settings (verification levels, scripts): who handles contacts needs them, admins edit them.
  'contacts.settings_read': ['agent', 'senior_agent', 'supervisor', 'dept_handler', 'admin'],
  // Delivering a call with its network caller number: the telephony integration only (runs as the system).
  'telephony.deliver': [],
  // Cards: searching finds a customer to open a contact with (masked results); the rest needs customer access.
  'customers.search': FRONT_LINE,
  'customers.read': ['agent', 'senior_agent', 'supervisor', 'qa', 'dept_handler', 'admin'],
  // Access a customer's data outside the contact and case rules, with a coded, written reason (audited).
  'customers.override_access': ['supervisor', 'admin'],
  'cards.operate': ['agent', 'senior_agent', 'supervisor', 'dept_handler'],
  'limits.approve': ['senior_agent', 'supervisor'],
  // Annual-fee waivers and refunds: the desk within the product's amount, a senior person above it (four eyes).
  'fees.adjust': FRONT_LINE,
  'fees.approve_adjustment': ['senior_agent', 'supervisor'],
  // Paying a credit balance (溢缴款) back to the holder's own account.
  'credit_balance.refund': FRONT_LINE,
  'products.read': ALL_STAFF,
  'products.manage': ['admin'],
  'calculators.use': ALL_STAFF,
  'applications.submit': FRONT_LINE,
  'applications.decide': ['supervisor', 'admin'],
  'cases.create': FRONT_LINE,
  'cases.work': ['agent', 'senior_agent', 'supervisor', 'dept_handler', 'admin'],
  'cases.list': ['agent', 'senior_agent', 'supervisor', 'qa', 'dept_handler', 'head_office', 'admin'],
  'cases.assign': ['senior_agent', 'supervisor', 'dept_handler', 'admin'],
  // The +30 days for an especially complex complaint need a head-office senior approval (CBIRC Order 2020
  // No. 3); senior agents and supervisors may ask for it (as responsible handlers), not grant it.
  'cases.approve_extension': ['head_office'],
  'cases.watch': ['supervisor', 'admin', 'qa', 'head_office'],
  // Every case in lists without a customer filter's access check (oversight and quality review).
  'cases.read_all': ['supervisor', 'admin', 'qa'],
  // Works the cases that sit with their own department (referred there, or accepted by it).
  'cases.department_work': ['dept_handler'],
  // Works a contact handed over to their own department once the hand-over is acknowledged.
  'contacts.department_work': ['dept_handler'],
  // Responsible for any case: may take any step on it (still within customer access).
  'cases.oversee': ['supervisor', 'admin'],
  // May be assigned a case sitting with any department (not only their own).
  'cases.assignable_anywhere': ['supervisor'],
  'cases.analysis': ['supervisor', 'admin', 'qa'],
  'cases.conflicts': ['supervisor', 'admin'],
  'cases.manage': ['admin'],
  'emergency.act': FRONT_LINE,
  // Deciding who bears a disputed fraud amount: the risk department's handlers and supervisors.
  'disputes.decide': ['dept_handler', 'supervisor'],
  'kb.read': ALL_STAFF,
  'kb.write': ['kb_editor'],
  'kb.review': ['kb_editor', 'supervisor'],
  'kb.synonyms': ['kb_editor'],
  // Quality inspection (质检): inspectors inspect and review, the QA lead edits scorecards (a second person
  // publishes a version), agents appeal their own findings, supervisors rule on appeals finally.
  'qa.inspect': ['qa', 'supervisor'],
  'qa.review': ['qa'],
  'qa.scorecard.edit': ['qa'],
  'qa.appeal': ['agent', 'senior_agent'],
  'qa.appeal.rule': ['supervisor'],
  'qa.calibrate': ['qa'],
  // The real-time guard on a reply draft: whoever sends replies in a contact.
  'qa.guard': ['agent', 'senior_agent', 'supervisor', 'dept_handler'],
  // Repayments come from the payment system with its own credential; the desk never posts them.
  'repayments.post': ['payment_system'],
} as const satisfies Record<Permission, readonly Grantee[]>;

export type Action = Permission;
const ACTIONS = Object.keys(POLICY) as Action[];

export function can(actor: Actor, action: Action): boolean {
  if (actor.kind === 'anonymous') return false;
  if (actor.kind === 'system') return true;
  return roleCan(actor.role, action);
}

/** Whether a role holds an action: for decisions about another user (an assignee, a transfer's target). */
export function roleCan(role: string, action: Action): boolean {
  return (POLICY[action] as readonly string[]).includes(role);
}

/** The staff roles that hold an action (a query that lists the users who may do it). */
export function rolesGranted(action: Action): Role[] {
  return ROLES.filter((r) => roleCan(r, action));
}

/** Users whose work is their own department's (its hand-overs and cases) must belong to one. */
export function roleNeedsDepartment(role: Role): boolean {
  return roleCan(role, 'contacts.department_work') || roleCan(role, 'cases.department_work');
}

/** Every action a role holds, in the policy's order (the admin's view of the roles). */
export function permissionsOfRole(role: Role): Action[] {
  return ACTIONS.filter((a) => roleCan(role, a));
}

/** Actions whose routes exist only in demo mode: a signed-in user is told of them only there. */
export const DEMO_ACTIONS: ReadonlySet<Action> = new Set(['demo.otp_outbox']);

/** Every action the actor may take, in the policy's order (a signed-in user's `permissions`). */
export function permissionsOf(actor: Actor): Action[] {
  return ACTIONS.filter((a) => can(actor, a));
}

export function authorize(actor: Actor, action: Action): void {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!can(actor, action)) throw new AppError('FORBIDDEN', { detail: `${actor.role} may not ${action}` });
}

/**
 * Four-eyes: whoever started a request (a limit change, an extension, a card application, an article
 * version) may not approve it. `startedBy` null means the system started it; the system may approve.
 */
export function requireSecondPerson(actor: Actor, startedBy: string | null, code: ErrorCode): void {
  if (actor.kind !== 'system' && startedBy !== null && startedBy === actor.userId) throw new AppError(code);
}
