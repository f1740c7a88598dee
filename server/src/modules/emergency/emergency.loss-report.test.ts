import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { cardFacts, cardsModule, findCustomerIdByPhone, fixedCustomer, getCustomerSummary } from '../cards/index.ts';
import { casesModule } from '../cases/index.ts';
import { contactsModule } from '../contacts/index.ts';
import { emergencyModule } from './index.ts';

/**
 * Loss report without verification: anyone who calls may stop a card at once, but only as a temporary
 * block (临时挂失); the formal loss report — blocked for good, replacement ordered — needs the caller verified,
 * and the temporary block becomes the formal one without the card ever being usable in between.
 */
const MODULES = [cardsModule, contactsModule, casesModule, emergencyModule];
const ZHANG = fixedCustomer('zhang_wei');

describe('loss report: temporary block for any caller, formal report after verification', () => {
  let env: TestEnv;
  let customerId: string;
  let cardId: string;

  before(async () => {
    env = await createTestEnv({ modules: MODULES });
    assert.ok(ZHANG);
    customerId = (await findCustomerIdByPhone(env.system, ZHANG.phone)) ?? '';
    const card = (await getCustomerSummary(env.system, customerId)).cards.find((c) => c.last4 === ZHANG.last4);
    assert.ok(card);
    cardId = card.id;
  });
  after(() => env.close());

  const cardRow = async () => {
    const [card] = await cardFacts(env.system.db, { cardId });
    assert.ok(card);
    return { status: card.status, replaced_by_card_id: card.replacedByCardId };
  };
  const cardCount = async () => (await cardFacts(env.system.db, { customerId })).length;

  it('a stolen-card report before verification leaves the card temporarily blocked with no replacement ordered; after verification the formal report blocks it for good and orders the replacement', async () => {
    assert.ok(ZHANG);
    // A caller from an unknown number: not verified at all.
    const call = await env.request({
      method: 'POST',
      url: '/api/contacts',
      as: 'agent',
      payload: { channel: 'phone', direction: 'inbound', callerNumber: '13900000000' },
    });
    assert.equal(call.statusCode, 201, call.body);
    const contactId = call.json().contact.id as string;
    const linked = await env.request({
      method: 'POST',
      url: `/api/contacts/${contactId}/customer`,
      as: 'agent',
      payload: { customerId },
    });
    assert.equal(linked.statusCode, 200, linked.body);
    const inContact = { 'x-contact-id': contactId };
    const cardsBefore = await cardCount();

    const report = await env.request({
      method: 'POST',
      url: '/api/emergency/reports',
      as: 'agent',
      headers: inContact,
      payload: { customerId, cardId, kind: 'stolen' },
    });
    assert.equal(report.statusCode, 201, report.body);
    const r = report.json();
    assert.equal(r.action, 'frozen');
    assert.equal(r.replacementCardId, null);
    assert.equal(r.nextStep, 'formal_loss_report');
    assert.match(r.confirmation, /临时挂失/);
    let row = await cardRow();
    assert.equal(row.status, 'frozen', 'stopped at once, but only temporarily');
    assert.equal(row.replaced_by_card_id, null);
    assert.equal(await cardCount(), cardsBefore, 'no replacement card ordered');

    // The formal report is refused while the caller is not verified, and nothing changes.
    const early = await env.request({
      method: 'POST',
      url: `/api/emergency/reports/${r.id}/formal-report`,
      as: 'agent',
      headers: inContact,
    });
    assert.equal(early.statusCode, 403, early.body);
    assert.equal(early.json().error.code, 'VERIFICATION_REQUIRED');
    row = await cardRow();
    assert.equal(row.status, 'frozen');
    assert.equal(await cardCount(), cardsBefore);

    // Verification passes (name + last six of the ID number): the lane's next step is the formal report.
    const verified = await env.request({
      method: 'POST',
      url: `/api/contacts/${contactId}/verify`,
      as: 'agent',
      payload: { method: 'name_id_last6', name: ZHANG.name, idLast6: ZHANG.idNumber.slice(-6) },
    });
    assert.equal(verified.json().success, true, verified.body);
    const formal = await env.request({
      method: 'POST',
      url: `/api/emergency/reports/${r.id}/formal-report`,
      as: 'agent',
      headers: inContact,
    });
    assert.equal(formal.statusCode, 200, formal.body);
    const f = formal.json();
    assert.equal(f.action, 'reported_lost');
    assert.equal(f.nextStep, null);
    assert.ok(f.formalReportedAt);
    assert.ok(f.replacementCardId, 'the replacement is ordered with the formal report');
    assert.equal(f.reportedAt, r.reportedAt, 'the loss-report instant stays the first call');
    row = await cardRow();
    assert.equal(row.status, 'stolen', 'blocked for good');
    assert.equal(row.replaced_by_card_id, f.replacementCardId);
    assert.equal(await cardCount(), cardsBefore + 1);

    // Without a gap: the card went from frozen straight to stolen, never active in between.
    const changes = await env.system.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', cardId)
      .where('action', 'in', ['card.freeze', 'card.unfreeze', 'card.report_lost'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      changes.map((c) => {
        const d = JSON.parse(c.details) as { from: string; to: string };
        return [c.action, d.from, d.to];
      }),
      [
        ['card.freeze', 'active', 'frozen'],
        ['card.report_lost', 'frozen', 'stolen'],
      ],
    );

    // Asking again returns the formal report as it is: no second replacement.
    const again = await env.request({
      method: 'POST',
      url: `/api/emergency/reports/${r.id}/formal-report`,
      as: 'agent',
      headers: inContact,
    });
    assert.equal(again.json().replacementCardId, f.replacementCardId);
    assert.equal(await cardCount(), cardsBefore + 1);
  });
});
