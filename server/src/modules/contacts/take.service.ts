import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { acceptContact } from './contact.service.ts';
import type { ContactView } from './contact.view.ts';
import { acknowledgeHandover } from './handover.service.ts';
import { requireReady } from './presence.service.ts';
import { GENERAL_QUEUE, requireQueueWorker, waitingInOrder } from './queues.ts';

/** How many heads of the queue to try when others take them first. */
const CANDIDATES = 5;
/** Lost races: someone else took the contact, or its hand-over, between our read and our lock. */
const RACES = new Set(['CONTACT_NOT_WAITING', 'CONTACT_CLOSED', 'NO_PENDING_HANDOVER', 'HANDOVER_PENDING']);

/**
 * "Next customer": a ready agent (presence.service.ts) takes the contact at the head of a queue they work — an emergency before
 * anything else, then the longest waiting. From the general queue that is accepting the contact; from a
 * department queue it is acknowledging its hand-over packet (the receiver reads it first). When another
 * agent takes the head at the same moment, the next one is tried.
 */
export async function takeNext(ctx: Ctx, code: string): Promise<ContactView> {
  authorize(ctx.actor, 'contacts.handle');
  await requireQueueWorker(ctx, code);
  await requireReady(ctx);
  const heads = await waitingInOrder(ctx.db, code).limit(CANDIDATES).execute();
  for (const head of heads) {
    try {
      return code === GENERAL_QUEUE ? await acceptContact(ctx, head.id) : await acknowledgeHandover(ctx, head.id);
    } catch (err) {
      if (!(err instanceof AppError && RACES.has(err.code))) throw err;
    }
  }
  throw new AppError('QUEUE_EMPTY');
}
