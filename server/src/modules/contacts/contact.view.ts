import { type BotSummary, type ContactType, type ContactView, type Intent, intentSchema } from '@carddesk/contracts';
import { staffById } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import { countCasesOpened, listStages } from './contact.repository.ts';
import {
  type Channel,
  type ContactStatus,
  closingOutcome,
  type Direction,
  type Level,
  type Method,
  type Outcome,
  renderScript,
  type Stage,
} from './contact.ts';
import type { ContactsTable } from './contacts.tables.ts';
import type { ContactsConfig } from './settings.ts';

/** A contact as the API shows it: no raw row leaves the module, personal data only masked. */
export type { ContactView };

export function parseIntents(text: string): Intent[] {
  return (JSON.parse(text) as string[]).filter((i): i is Intent => intentSchema.safeParse(i).success);
}

export function parseMethods(text: string): Method[] {
  return JSON.parse(text) as Method[];
}

export async function toContactView(ctx: Ctx, row: ContactsTable, config: ContactsConfig): Promise<ContactView> {
  const [stages, agent, pending, casesOpened, openPromise] = await Promise.all([
    listStages(ctx.db, row.id),
    row.agent_id ? staffById(ctx.db, row.agent_id) : Promise.resolve(undefined),
    ctx.db
      .selectFrom('contact_transfers')
      .select('id')
      .where('contact_id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst(),
    countCasesOpened(ctx.db, row.id),
    ctx.db
      .selectFrom('promises')
      .select('id')
      .where('contact_id', '=', row.id)
      .where('status', '=', 'open')
      .executeTakeFirst(),
  ]);
  const channel = row.channel as Channel;
  const agentNo = agent?.agentNo ?? ctx.actor.agentNo;
  return {
    id: row.id,
    channel,
    direction: row.direction as Direction,
    status: row.status as ContactStatus,
    stage: row.stage as Stage,
    customerId: row.customer_id,
    callerNumberMasked: row.caller_number_enc
      ? maskPhone(ctx.keyring.decrypt(row.caller_number_enc, 'contacts.caller_number'))
      : null,
    agent: agent ? { id: agent.id, displayName: agent.displayName, agentNo: agent.agentNo } : null,
    queueCode: row.queue_code,
    queuedAt: row.queued_at,
    departmentId: row.department_id,
    verification: {
      level: row.verification_level as Level,
      methods: parseMethods(row.verification_methods),
      verifiedAt: row.verified_at,
    },
    type: row.type as ContactType | null,
    intents: parseIntents(row.intents),
    outcome: row.outcome as Outcome | null,
    suggestedOutcome: closingOutcome(openPromise ? 'follow_up_promised' : 'resolved_first_contact', casesOpened),
    satisfaction: row.satisfaction,
    customerResolved: row.customer_resolved === null ? null : row.customer_resolved === 1,
    satisfactionComment: row.satisfaction_comment,
    confirmationSkipReason: row.confirmation_skip_reason,
    hostile: row.hostile === 1,
    summary: row.summary,
    customerEndedAt: row.customer_ended_at,
    startedAt: row.started_at,
    acceptedAt: row.accepted_at,
    closedAt: row.closed_at,
    stages: stages.map((s) => ({ stage: s.stage as Stage, at: s.at, reason: s.reason })),
    pendingHandover: pending !== undefined,
    scripts: {
      greeting: renderScript(config.scripts.greeting[channel], agentNo),
      closing: renderScript(config.scripts.closing[channel], agentNo),
    },
    bot: row.bot_state === 'bot' || row.bot_state === 'handed_over' ? row.bot_state : null,
    botSummary: row.bot_summary ? (JSON.parse(row.bot_summary) as BotSummary) : null,
  };
}
