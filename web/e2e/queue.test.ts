import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { markEmergency } from '../../server/src/modules/contacts/index.ts';
import { systemActor } from '../../server/src/platform/auth/actor.ts';
import { inTransaction } from '../../server/src/platform/db/dialect.ts';
import { after, apiAs, before, describe, type E2E, it, startE2E, turnSaying, watchPage } from './harness.ts';

interface Waiting {
  contactId: string;
  priority: 'emergency' | 'normal';
}

/**
 * Emergencies jump the queue on screen too: the newest waiting chat is marked as an emergency (what the
 * emergency lane does when it blocks a card), the queue panel shows it first with a red 紧急 tag, the
 * supervisor sees the count, and "接入下一位" takes exactly that contact.
 */
describe('queue panel: emergency first and "next customer"', () => {
  let e2e: E2E;
  let agent: Page;
  let urgentId: string;
  let seen: ReturnType<typeof watchPage>;
  before(async () => {
    e2e = await startE2E();
    const waiting = await apiAs<Waiting[]>(e2e, 'agent', '/api/queues/general/contacts');
    assert.ok(waiting.length >= 2, 'the demo seed leaves chats waiting');
    const newest = waiting.at(-1);
    assert.ok(newest && newest.priority === 'normal');
    urgentId = newest.contactId;
    const { db } = e2e.runtime.deps;
    const row = await db.selectFrom('contacts').select('customer_id').where('id', '=', urgentId).executeTakeFirst();
    assert.ok(row?.customer_id);
    const customerId = row.customer_id;
    await inTransaction(db, (trx) =>
      markEmergency({ ...e2e.runtime.deps, db: trx, actor: systemActor('e2e') }, urgentId, {
        customerId,
        intents: ['card_loss_report'],
        reportId: 'E2E-REPORT-1',
        details: { kind: 'lost', action: 'reported_lost', cardLast4: '4321' },
      }),
    );
    agent = await e2e.signIn('agent');
    seen = watchPage(agent);
  });
  after(async () => {
    await e2e?.close();
  });

  it('lists the emergency first with a red 紧急 tag and counts it', async () => {
    const first = agent.getByTestId('queue-list').locator('.ant-list-item').first();
    await first.getByTestId('queue-emergency-tag').waitFor();
    assert.equal(await agent.getByTestId('queue-emergency-tag').count(), 1);
    await agent.getByTestId('queue-emergency-count').getByText('紧急 1').waitFor();
    // What the agent needs before taking it: the risk (a loss report), and each chat's first message.
    await first.getByTestId('queue-flag-fraud').waitFor();
    const waiting = await apiAs<Array<{ firstMessage: string | null }>>(e2e, 'agent', '/api/queues/general/contacts');
    const shown = waiting.filter((w) => w.firstMessage !== null).length;
    assert.ok(shown > 0, 'the seeded chats have first messages');
    assert.equal(await agent.getByTestId('queue-first-message').count(), shown);
    assert.equal(
      await agent.getByTestId('queue-first-message').first().getAttribute('title'),
      waiting.find((w) => w.firstMessage !== null)?.firstMessage,
    );
  });

  it('shows the emergency-waiting count on the supervisor’s live floor', async () => {
    const supervisor = await e2e.signIn('supervisor');
    await supervisor.waitForURL('**/supervisor');
    await supervisor.getByTestId('live-floor').getByTestId('live-emergency-waiting').getByText('1').waitFor();
  });

  it('"接入下一位" takes the emergency, opens it, and it leaves the queue', async () => {
    await agent.getByTestId('queue-take-next').click();
    await turnSaying(agent, '我的卡被冻结了').waitFor();
    await agent.getByTestId('queue-emergency-count').waitFor({ state: 'detached' });
    const waiting = await apiAs<Waiting[]>(e2e, 'agent', '/api/queues/general/contacts');
    assert.ok(!waiting.some((w) => w.contactId === urgentId));
    assert.deepEqual(seen.errors, []);
  });
});
