import type { CustomerContactItem } from '@carddesk/contracts';
import { staffByIds } from '../../platform/auth/staff.ts';
import type { CustomerViewContributor } from '../../platform/context.ts';
import { openPromisesOf } from './promise.service.ts';

const RECENT_CONTACTS = 20;

/** The 360 view's sections from this module; they load after the view was granted access to the customer. */
export const contactsCustomerViews: readonly CustomerViewContributor[] = [
  { section: 'promises', load: (ctx, customerId) => openPromisesOf(ctx, customerId) },
  {
    section: 'contacts',
    async load(ctx, customerId): Promise<CustomerContactItem[]> {
      const rows = await ctx.db
        .selectFrom('contacts')
        .select([
          'contacts.id',
          'contacts.channel',
          'contacts.direction',
          'contacts.status',
          'contacts.type',
          'contacts.intents',
          'contacts.outcome',
          'contacts.satisfaction',
          'contacts.started_at',
          'contacts.closed_at',
          'contacts.agent_id',
        ])
        .where('contacts.customer_id', '=', customerId)
        .orderBy('contacts.started_at', 'desc')
        .orderBy('contacts.id', 'desc')
        .limit(RECENT_CONTACTS)
        .execute();
      const agents = await staffByIds(
        ctx.db,
        rows.flatMap((r) => (r.agent_id ? [r.agent_id] : [])),
      );
      return rows.map((r) => ({
        id: r.id,
        channel: r.channel,
        direction: r.direction,
        status: r.status,
        type: r.type,
        intents: JSON.parse(r.intents) as string[],
        outcome: r.outcome,
        satisfaction: r.satisfaction,
        agentNo: (r.agent_id ? agents.get(r.agent_id)?.agentNo : undefined) ?? null,
        startedAt: r.started_at,
        closedAt: r.closed_at,
      }));
    },
  },
];
