import { can } from '../../platform/auth/policy.ts';
import type { TopicAuthorizers } from '../../platform/http/websocket.ts';
import { findContactRow } from './contact.repository.ts';
import { mayReadContact } from './contact.service.ts';
import { actorDepartmentCode, mayWorkQueue } from './queues.ts';

/**
 * Who may hear the contacts module's live topics: `contact:<id>` (turns, stages, transfers) its readers
 * and the receivers of its hand-over; `queue:<code>` those who work the queue; `supervisor` supervisors.
 */
export const contactsTopics: TopicAuthorizers = {
  contact: async (ctx, id) => {
    const row = await findContactRow(ctx.db, id);
    if (!row) return false;
    if (await mayReadContact(ctx, row)) return true;
    // The receiver of a pending hand-over listens before acknowledging.
    if (row.status !== 'waiting' || !row.queue_code) return false;
    return mayWorkQueue(ctx.actor, row.queue_code, await actorDepartmentCode(ctx));
  },
  queue: async (ctx, code) => mayWorkQueue(ctx.actor, code, await actorDepartmentCode(ctx)),
  supervisor: (ctx) => can(ctx.actor, 'contacts.supervise'),
};
