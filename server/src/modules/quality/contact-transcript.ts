/**
 * A closed contact as the engine reads it: its turns (through the contacts module's exports) and what was
 * done in it, from the audit trail every module writes with the contact's id — identity verified (the
 * level), customer data read (at the level of the moment), an installment accepted with its disclosure, a
 * transfer with its hand-over packet, a promise recorded.
 */

import { contactTrail } from '../../platform/audit.ts';
import { staffById } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findContactRow, listTurns } from '../contacts/index.ts';
import type { ContactEvent, Speaker, Transcript } from './engine/engine.ts';

const LEVELS = ['none', 'basic', 'strong'] as const;
type Level = (typeof LEVELS)[number];

/** Audit actions that read a customer's data in a contact. */
const DATA_READS =
  /^(customer\.(view|profile_read|transactions_read)|cards?\.[a-z_]*read|statement\.[a-z_]*|installment\.quote|transactions\.[a-z_]*)$/;

export interface ContactForInspection {
  transcript: Transcript;
  agentId: string | null;
  closedAt: string;
}

export async function contactTranscript(ctx: Pick<Ctx, 'db'>, contactId: string): Promise<ContactForInspection> {
  const row = await findContactRow(ctx.db, contactId);
  if (!row) throw new AppError('CONTACT_NOT_FOUND');
  const turns = await listTurns(ctx.db, contactId, 0, 5000);
  const agent = row.agent_id ? await staffById(ctx.db, row.agent_id) : undefined;
  const trail = await contactTrail(ctx.db, contactId);
  const events: ContactEvent[] = [];
  let level: Level = 'none';
  for (const r of trail) {
    const details = safeJson(r.details);
    const said = typeof details.level === 'string' && (LEVELS as readonly string[]).includes(details.level);
    if ((r.action === 'contact.verify' || r.action === 'contact.create') && said) level = details.level as Level;
    else if (r.action === 'contact.link_customer') level = 'none';
    else if (r.action === 'installment.apply') {
      events.push({
        kind: 'installment_accepted',
        at: r.at,
        disclosed: typeof details.quoteHash === 'string' && details.customerAgreed === true,
        note: r.action,
      });
    } else if (r.action === 'contact.transfer') {
      events.push({ kind: 'transfer', at: r.at, packet: typeof details.transferId === 'string', note: r.action });
    } else if (r.action === 'promise.create') {
      events.push({ kind: 'promise', at: r.at, note: r.action });
    } else if (r.customer_id && DATA_READS.test(r.action)) {
      events.push({ kind: 'data_read', at: r.at, level, note: r.action });
    }
  }
  return {
    agentId: row.agent_id,
    closedAt: row.closed_at ?? row.updated_at,
    transcript: {
      id: contactId,
      channel: row.channel === 'chat' ? 'chat' : 'phone',
      agentNo: agent?.agentNo ?? null,
      complaint: row.type === 'complaint' || row.raised_type === 'complaint',
      turns: turns.map((t) => ({
        speaker: t.speaker as Speaker,
        text: t.text,
        at: t.at,
        ...(t.marks ? { fullNumbers: fullNumberMarks(t.marks) } : {}),
      })),
      events,
    },
  };
}

/** The turn's marks (contacts' `TurnMark`s, JSON) that name a full number. */
function fullNumberMarks(marks: string): ('card' | 'id')[] {
  try {
    const v = JSON.parse(marks) as unknown;
    return Array.isArray(v) ? v.filter((m): m is 'card' | 'id' => m === 'card' || m === 'id') : [];
  } catch {
    return [];
  }
}

function safeJson(s: string): Record<string, unknown> {
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
