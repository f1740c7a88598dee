import { type ContactType, type Intent, intentSchema } from '@carddesk/contracts';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import { listStages } from './contact.repository.ts';
import {
  type Channel,
  type ContactStatus,
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
export interface ContactView {
  id: string;
  channel: Channel;
  direction: Direction;
  status: ContactStatus;
  stage: Stage;
  customerId: string | null;
  callerNumberMasked: string | null;
  agent: { id: string; displayName: string; agentNo: string | null } | null;
  queueCode: string | null;
  queuedAt: string | null;
  departmentId: string | null;
  verification: { level: Level; methods: Method[]; verifiedAt: string | null };
  type: ContactType | null;
  intents: Intent[];
  outcome: Outcome | null;
  satisfaction: number | null;
  satisfactionComment: string | null;
  confirmationSkipReason: string | null;
  hostile: boolean;
  summary: string | null;
  customerEndedAt: string | null;
  startedAt: string;
  acceptedAt: string | null;
  closedAt: string | null;
  stages: Array<{ stage: Stage; at: string; reason: string | null }>;
  pendingHandover: boolean;
  scripts: { greeting: string; closing: string };
}

export const contactViewSchema = z.object({
  id: z.string(),
  channel: z.enum(['phone', 'chat']),
  direction: z.enum(['inbound', 'outbound']),
  status: z.enum(['waiting', 'active', 'closed']),
  stage: z.enum(['greeting', 'verify', 'need', 'handle', 'confirm', 'closing']),
  customerId: z.string().nullable(),
  callerNumberMasked: z.string().nullable(),
  agent: z.object({ id: z.string(), displayName: z.string(), agentNo: z.string().nullable() }).nullable(),
  queueCode: z.string().nullable(),
  queuedAt: z.string().nullable(),
  departmentId: z.string().nullable(),
  verification: z.object({
    level: z.enum(['none', 'basic', 'strong']),
    methods: z.array(z.enum(['caller_number', 'name_id_last6', 'card_last4_factor', 'otp'])),
    verifiedAt: z.string().nullable(),
  }),
  type: z.enum(['consult', 'transaction', 'complaint', 'emergency']).nullable(),
  intents: z.array(intentSchema),
  outcome: z
    .enum(['resolved_first_contact', 'follow_up_promised', 'transferred', 'case_opened', 'abandoned'])
    .nullable(),
  satisfaction: z.number().int().nullable(),
  satisfactionComment: z.string().nullable(),
  confirmationSkipReason: z.string().nullable(),
  hostile: z.boolean(),
  summary: z.string().nullable(),
  customerEndedAt: z.string().nullable(),
  startedAt: z.string(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  stages: z.array(
    z.object({
      stage: z.enum(['greeting', 'verify', 'need', 'handle', 'confirm', 'closing']),
      at: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  pendingHandover: z.boolean(),
  scripts: z.object({ greeting: z.string(), closing: z.string() }),
});

export function parseIntents(text: string): Intent[] {
  return (JSON.parse(text) as string[]).filter((i): i is Intent => intentSchema.safeParse(i).success);
}

export function parseMethods(text: string): Method[] {
  return JSON.parse(text) as Method[];
}

export async function toContactView(ctx: Ctx, row: ContactsTable, config: ContactsConfig): Promise<ContactView> {
  const [stages, agent, pending] = await Promise.all([
    listStages(ctx.db, row.id),
    row.agent_id
      ? ctx.db
          .selectFrom('users')
          .select(['id', 'display_name', 'agent_no'])
          .where('id', '=', row.agent_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    ctx.db
      .selectFrom('contact_transfers')
      .select('id')
      .where('contact_id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst(),
  ]);
  const channel = row.channel as Channel;
  const agentNo = agent?.agent_no ?? ctx.actor.agentNo;
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
    agent: agent ? { id: agent.id, displayName: agent.display_name, agentNo: agent.agent_no } : null,
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
    satisfaction: row.satisfaction,
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
  };
}
