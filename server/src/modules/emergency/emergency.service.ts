import {
  type EmergencyKind,
  type EmergencyReport,
  type FraudDecision,
  formatYuan,
  type Intent,
  type MarkedResult,
  type RecentTransactions,
  type ReviewTransaction,
} from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { bankDate } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { departmentByCode } from '../../platform/departments.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { newId } from '../../platform/ids.ts';
import {
  type CardSummary,
  cardBillingFacts,
  type DisputeOutcome,
  decideDispute,
  disputeTransactions,
  freezeCard,
  getCustomerSummary,
  listTransactions,
  reportCardLost,
  statementDatesOf,
  termsOn,
} from '../cards/index.ts';
import {
  type CaseRef,
  caseEventDetails,
  caseRef,
  caseView,
  lockCaseForChange,
  messageCaseCustomer,
  openCase,
  recordCaseStep,
} from '../cases/index.ts';
import { markEmergency, requireContactFacts, tellInContact as tellContact } from '../contacts/index.ts';
import {
  BANK_RULE,
  chargebackDeadline,
  DEFAULT_CHARGEBACK_RULES,
  inProtectionWindow,
  type ProtectionWindow,
  protectionWindow,
  reviewWindowStart,
} from './emergency.rules.ts';
import { chargebackRules, lostCardProtection, networkOfCard } from './emergency.settings.ts';
import type { EmergencyReportsTable } from './emergency.tables.ts';

/**
 * The emergency lane (guide §3.3): lost card, theft, suspected fraud. One action stops the card at once —
 * before any verification — but only as a temporary block (临时挂失: frozen), confirmed to the customer.
 * Once the caller is verified the lane offers the next step, the formal loss report: the frozen card is
 * blocked for good (frozen → lost/stolen directly, never active in between) and a replacement is ordered.
 * The customer marks the transactions they did not make, which opens a fraud case for the risk department
 * with its deadline and the chargeback limits, the lost-card protection window is evaluated, a checklist is
 * sent that the customer keeps, and a follow-up task watches the case.
 */
export type { EmergencyKind, EmergencyReport };

const KIND_ZH: Record<EmergencyKind, string> = { lost: '遗失', stolen: '被盗', fraud: '疑似盗刷' };
/** The intent each kind of emergency adds to the contact's classification (intents.md). */
const KIND_INTENT: Record<EmergencyKind, Intent> = {
  lost: 'card_loss_report',
  stolen: 'card_loss_report',
  fraud: 'fraud_report',
};
/** Transactions a customer can disown: money that left their card. */
const DISPUTABLE = new Set(['purchase', 'cash_advance']);

async function cardOf(ctx: Ctx, customerId: string, cardId: string): Promise<CardSummary> {
  const summary = await getCustomerSummary(ctx, customerId);
  const card = summary.cards.find((c) => c.id === cardId);
  if (!card) throw new AppError('EMERGENCY_CARD_NOT_OF_CUSTOMER');
  return card;
}

async function protectionFor(ctx: Ctx, card: CardSummary, reportedAt: Date): Promise<ProtectionWindow> {
  const terms = await termsOn(ctx.db, card.productId, bankDate(reportedAt));
  const covered = terms.services.some((s) => s.code === 'lost_card_cover');
  if (!covered) return protectionWindow(reportedAt, false, 0);
  const cover = await lostCardProtection(ctx, card.productId);
  return protectionWindow(reportedAt, true, cover.hours, cover.maxCoverFen);
}

/**
 * Marks the contact the block happened in as an emergency (contacts module): its type becomes `emergency`,
 * it goes first in any queue it waits in, and its hand-over packet lists the block. A contact named in
 * `X-Contact-Id` that is not this customer's is refused there, and the whole report with it.
 */
async function markContact(ctx: Ctx, contactId: string | null, report: EmergencyReportsTable, last4: string) {
  if (!contactId) return;
  await markEmergency(ctx, contactId, {
    customerId: report.customer_id,
    intents: [KIND_INTENT[report.kind as EmergencyKind] ?? 'card_loss_report'],
    reportId: report.id,
    details: {
      kind: report.kind as EmergencyKind,
      action: report.action === 'frozen' ? 'frozen' : 'reported_lost',
      cardLast4: last4,
    },
  });
}

/** Posts a line into the contact's transcript (the customer sees it in the chat) when there is a contact. */
async function tellInContact(ctx: Ctx, contactId: string | null, text: string): Promise<void> {
  if (!contactId) return;
  await tellContact(ctx, contactId, text);
}

function reportView(
  row: EmergencyReportsTable,
  last4: string,
  protection: ProtectionWindow,
  confirmation: string,
): EmergencyReport {
  const action = row.action === 'frozen' ? 'frozen' : 'reported_lost';
  return {
    id: row.id,
    customerId: row.customer_id,
    cardId: row.card_id,
    cardLast4: last4,
    contactId: row.contact_id,
    kind: row.kind as EmergencyKind,
    action,
    reportedAt: row.reported_at,
    formalReportedAt: row.formal_reported_at,
    nextStep: action === 'frozen' ? 'formal_loss_report' : null,
    protection,
    replacementCardId: row.replacement_card_id,
    caseId: row.case_id,
    confirmation,
  };
}

function confirmationText(last4: string, action: string, at: Date, expectedDelivery: string | null): string {
  const time = `${bankDate(at)} ${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}`;
  if (action === 'frozen') {
    return `您尾号 ${last4} 的信用卡已于 ${time}(北京时间)临时挂失(冻结),此后该卡无法再交易。核实您的身份后,我们将为您办理正式挂失并补发新卡。如发现非本人交易,请告知我们逐笔核对。`;
  }
  const card = expectedDelivery ? `新卡已为您补办,预计 ${expectedDelivery} 前寄达。` : '新卡已为您补办。';
  return `您尾号 ${last4} 的信用卡已正式挂失,该卡永久停用。${card}如发现非本人交易,请告知我们逐笔核对。`;
}

/**
 * One action, open to any caller: stops the card at once as a temporary block (临时挂失: frozen), records
 * the loss-report instant for the protection window, tells the customer, and alerts the risk department.
 * The formal loss report (`confirmLossReport`) follows once the caller is verified. A retry for the same
 * card within a day returns the first report.
 */
export async function reportEmergency(
  ctx: Ctx,
  input: { customerId: string; cardId: string; kind: EmergencyKind },
): Promise<EmergencyReport> {
  authorize(ctx.actor, 'emergency.act');
  return inTransaction(ctx, async (tctx) => {
    const grant = await tctx.access.require(tctx, { customerId: input.customerId, need: 'card.freeze' });
    const card = await cardOf(tctx, input.customerId, input.cardId);
    const now = ctx.clock.now();
    const earlier = await tctx.db
      .selectFrom('emergency_reports')
      .selectAll()
      .where('card_id', '=', input.cardId)
      .where('reported_at', '>=', new Date(now.getTime() - 86_400_000).toISOString())
      .orderBy('reported_at', 'desc')
      .executeTakeFirst();
    // The call this happens in: the granting contact, or the one a supervisor acting on an override names
    // (markEmergency refuses a contact of another customer). Only a granting contact goes into the audit.
    const contactId = grant.contactId ?? ctx.contactId ?? null;
    if (earlier) {
      // The same card blocked again within the day (a retry, or the customer calling back): one report,
      // but the contact this call happens in is an emergency contact too.
      await markContact(tctx, contactId, earlier, card.last4);
      const at = new Date(earlier.reported_at);
      return reportView(
        earlier,
        card.last4,
        await protectionFor(tctx, card, at),
        confirmationText(card.last4, earlier.action, at, null),
      );
    }
    // Nobody is verified yet: the card is stopped, but only temporarily; nothing is ordered.
    const action = 'frozen';
    await freezeCard(tctx, { cardId: input.cardId, reason: `${KIND_ZH[input.kind]},临时挂失` });
    const protection = await protectionFor(tctx, card, now);
    const row: EmergencyReportsTable = {
      id: newId(now),
      customer_id: input.customerId,
      card_id: input.cardId,
      contact_id: contactId,
      kind: input.kind,
      action,
      reported_at: now.toISOString(),
      protection_hours: protection.hours,
      replacement_card_id: null,
      formal_reported_at: null,
      case_id: null,
      checklist_message_id: null,
      created_by: ctx.actor.userId,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await tctx.db.insertInto('emergency_reports').values(row).execute();
    await markContact(tctx, row.contact_id, row, card.last4);
    const confirmation = confirmationText(card.last4, action, now, null);
    await tellInContact(tctx, row.contact_id, confirmation);
    await audit(tctx, {
      action: 'emergency.report',
      entityType: 'emergency_report',
      entityId: row.id,
      customerId: input.customerId,
      contactId: grant.contactId,
      details: { kind: input.kind, action, last4: card.last4, protectionHours: protection.hours },
    });
    // The risk department hears of it at once: emergencies go ahead of the queue.
    const alert = {
      reportId: row.id,
      customerId: input.customerId,
      kind: input.kind,
      contactId: row.contact_id,
      priority: 'urgent',
    };
    publishEvent(tctx, 'department:fraud_risk', 'emergency.reported', alert);
    publishEvent(tctx, 'cases', 'emergency.reported', alert);
    if (row.contact_id) publishEvent(tctx, `contact:${row.contact_id}`, 'emergency.reported', alert);
    return reportView(row, card.last4, protection, confirmation);
  });
}

async function loadReport(ctx: Ctx, reportId: string): Promise<EmergencyReportsTable> {
  const row = await ctx.db.selectFrom('emergency_reports').selectAll().where('id', '=', reportId).executeTakeFirst();
  if (!row) throw new AppError('EMERGENCY_REPORT_NOT_FOUND');
  return row;
}

export type { ReviewTransaction };

/** What the lane needs of the card's account: the card's BIN (its network) and the account's statement dates. */
function cardFacts(ctx: Ctx, cardId: string) {
  return cardBillingFacts(ctx.db, cardId);
}

/**
 * The customer's card transactions to mark the ones not theirs: from the start of the two statement cycles
 * before the report (at least 60 days back, `reviewWindowStart`) onward.
 */
export async function recentTransactions(ctx: Ctx, reportId: string): Promise<RecentTransactions> {
  authorize(ctx.actor, 'emergency.act');
  const report = await loadReport(ctx, reportId);
  const card = await cardOf(ctx, report.customer_id, report.card_id);
  const reportedAt = new Date(report.reported_at);
  const protection = await protectionFor(ctx, card, reportedAt);
  const { statementDay } = await cardFacts(ctx, report.card_id);
  const txns = await listTransactions(ctx, {
    customerId: report.customer_id,
    from: reviewWindowStart(bankDate(reportedAt), statementDay),
    limit: 500,
  });
  const mine = txns.filter((t) => t.cardId === report.card_id && DISPUTABLE.has(t.kind));
  const disputed = new Set(
    mine.length === 0
      ? []
      : (
          await ctx.db
            .selectFrom('fraud_case_transactions')
            .select('transaction_id')
            .where(
              'transaction_id',
              'in',
              mine.map((t) => t.id),
            )
            .execute()
        ).map((r) => r.transaction_id),
  );
  return {
    protection,
    transactions: mine.map((t) => ({
      ...t,
      inProtectionWindow: inProtectionWindow(t.txnDate, protection),
      alreadyDisputed: disputed.has(t.id),
    })),
  };
}

export type { MarkedResult };

/**
 * The customer marks transactions they did not make: a fraud case (FR…) opens for the risk department with
 * its own deadline, each transaction carries its chargeback limit and whether the protection window covers
 * it, the checklist is sent to the customer, and a follow-up task checks the case until it closes.
 */
export async function markUnrecognised(
  ctx: Ctx,
  reportId: string,
  transactionIds: readonly string[],
): Promise<MarkedResult> {
  authorize(ctx.actor, 'emergency.act');
  if (transactionIds.length === 0) throw new AppError('EMERGENCY_NOTHING_MARKED');
  return inTransaction(ctx, async (tctx) => {
    const report = await loadReport(tctx, reportId);
    const grant = await tctx.access.require(tctx, { customerId: report.customer_id, need: 'case.write' });
    const { protection, transactions } = await recentTransactions(tctx, reportId);
    const byId = new Map(transactions.map((t) => [t.id, t]));
    const marked = [...new Set(transactionIds)].map((id) => byId.get(id));
    if (marked.some((t) => t === undefined)) throw new AppError('EMERGENCY_TRANSACTION_NOT_ELIGIBLE');
    const chosen = marked as ReviewTransaction[];
    if (chosen.some((t) => t.alreadyDisputed)) throw new AppError('EMERGENCY_ALREADY_DISPUTED');

    const card = await cardOf(tctx, report.customer_id, report.card_id);
    const totalFen = chosen.reduce((s, t) => s + t.amountFen, 0);
    // Until the case is decided the amounts bear no interest or late fee and leave the minimum payment.
    await disputeTransactions(
      tctx,
      chosen.map((t) => t.id),
    );
    const fraudDept = await departmentByCode(tctx.db, 'fraud_risk');
    const caseContactId = report.contact_id ?? grant.contactId;
    // The case records the channel the customer actually used (a phone loss report is not a chat).
    const channel = caseContactId ? (await requireContactFacts(tctx.db, caseContactId)).channel : 'phone';
    let caseRow: CaseRef;
    if (report.case_id) {
      caseRow = await caseRef(tctx, report.case_id);
    } else {
      caseRow = await openCase(
        tctx,
        {
          kind: 'fraud',
          customerId: report.customer_id,
          contactId: caseContactId,
          cardId: report.card_id,
          channel,
          productCode: card.productId,
          category: 'fraud_report',
          summary: `卡片${KIND_ZH[report.kind as EmergencyKind] ?? ''},客户否认 ${chosen.length} 笔交易,合计 ${formatYuan(totalFen)} 元`,
          demand: '调查非本人交易并追回资金',
          departmentId: fraudDept?.id ?? null,
          priority: 'urgent',
          state: 'referred',
        },
        // A follow-up task checks the case until it is closed.
        { followUp: true },
      );
      await tctx.db
        .updateTable('emergency_reports')
        .set({ case_id: caseRow.id, updated_at: ctx.clock.now().toISOString() })
        .where('id', '=', report.id)
        .execute();
    }

    const rules = await chargebackRules(tctx);
    const facts = await cardFacts(tctx, report.card_id);
    // The card's own network, from its BIN range; settings guarantee every listed network has its rule.
    const network = await networkOfCard(tctx, facts.bin);
    const networkRule =
      rules.find((r) => r.network === network) ??
      DEFAULT_CHARGEBACK_RULES.find((r) => r.network === network) ??
      DEFAULT_CHARGEBACK_RULES[0];
    const bankRule = rules.find((r) => r.network === BANK_RULE);
    const billedOn = await statementDatesOf(
      tctx.db,
      chosen.map((t) => t.id),
    );
    const out: MarkedResult['transactions'] = [];
    for (const t of chosen) {
      // The bank's own window counts from the statement the transaction is on (for one not billed yet:
      // the statement it will be on); the scheme's limit from processing.
      const dates = { postingDate: t.postingDate, statementDate: billedOn.get(t.id) ?? facts.nextStatementDate };
      const chargeback = networkRule ? chargebackDeadline(networkRule, dates) : t.postingDate;
      // The customer's deadline is the bank's own window, never the internal scheme limit.
      const claim = bankRule ? chargebackDeadline(bankRule, dates) : null;
      await tctx.db
        .insertInto('fraud_case_transactions')
        .values({
          transaction_id: t.id,
          case_id: caseRow.id,
          report_id: report.id,
          card_id: report.card_id,
          amount_fen: t.amountFen,
          currency: 'CNY',
          merchant: t.merchant ?? t.description,
          transacted_at: t.txnDate,
          posted_date: t.postingDate,
          statement_date: dates.statementDate,
          network,
          protected: t.inProtectionWindow ? 1 : 0,
          chargeback_deadline: chargeback,
          created_at: ctx.clock.now().toISOString(),
        })
        .execute();
      out.push({
        transactionId: t.id,
        amountFen: t.amountFen,
        txnDate: t.txnDate,
        merchant: t.merchant,
        inProtectionWindow: t.inProtectionWindow,
        chargebackNetwork: network,
        chargebackDeadline: chargeback,
        bankClaimDeadline: claim,
      });
    }
    await recordCaseStep(
      tctx,
      caseRow.id,
      'transactions_disputed',
      {
        count: out.length,
        totalFen,
        protectedCount: out.filter((t) => t.inProtectionWindow).length,
        earliestChargebackDeadline: out.map((t) => t.chargebackDeadline).sort()[0],
      },
      grant,
    );
    const checklist = checklistText({
      caseNumber: caseRow.number,
      dueDate: caseRow.dueDate,
      count: out.length,
      totalFen,
      protection,
      protectedCount: out.filter((t) => t.inProtectionWindow).length,
      replacement: report.replacement_card_id !== null,
      claimDeadline:
        out
          .map((t) => t.bankClaimDeadline)
          .filter((d): d is string => d !== null)
          .sort()[0] ?? null,
    });
    const message = await messageCaseCustomer(tctx, caseRow.id, 'emergency_checklist', checklist, grant);
    await tctx.db
      .updateTable('emergency_reports')
      .set({ checklist_message_id: message.id })
      .where('id', '=', report.id)
      .execute();
    await tellInContact(tctx, report.contact_id, checklist);
    publishEvent(tctx, 'department:fraud_risk', 'case.referred', {
      caseId: caseRow.id,
      number: caseRow.number,
      kind: 'fraud',
      dueDate: caseRow.dueDate,
      priority: 'urgent',
    });
    return { case: await caseView(tctx, caseRow.id), transactions: out, checklist };
  });
}

function checklistText(p: {
  caseNumber: string;
  dueDate: string;
  count: number;
  totalFen: number;
  protection: ProtectionWindow;
  protectedCount: number;
  replacement: boolean;
  claimDeadline: string | null;
}): string {
  const lines = [
    `【挂失后续事项清单】案件编号 ${p.caseNumber},请妥善保存本消息。`,
    '1. 报警:如卡片被盗或发生盗刷,请尽快向当地公安机关报案,并保留报案回执(报警记录是认定盗刷责任的重要依据)。',
    '2. 证据:请保留交易提醒短信、交易发生时您本人所在位置的证明(如车票、考勤记录)、卡片仍由您持有的证明等材料,提交时请注明案件编号。',
    p.replacement
      ? '3. 新卡:补办的新卡已寄出,收到后请先激活再使用,并更新绑定的自动扣款。'
      : '3. 新卡:如需补办新卡,请告知我们,我们将为您寄送。',
    `4. 后续处理:您标记的 ${p.count} 笔非本人交易(合计 ${formatYuan(p.totalFen)} 元)已提交风险管理部调查,我们将在 ${p.dueDate} 前告知调查结果${p.claimDeadline ? `;补充材料请于 ${p.claimDeadline} 前提交` : ''}。`,
    p.protection.covered
      ? `5. 失卡保障:您的卡片享有挂失前 ${p.protection.hours} 小时失卡保障,所标记交易中有 ${p.protectedCount} 笔发生在保障时段内。`
      : '5. 失卡保障:您的卡片产品不含失卡保障,调查结果将依据相关规定认定责任。',
  ];
  return lines.join('\n');
}

/**
 * The formal loss report (正式挂失), offered once the caller is verified: the temporarily blocked card is
 * reported lost or stolen — straight from frozen, so it is never usable in between — and the replacement
 * is ordered in the same transaction. The card engine checks the verification (access need
 * `card.report_lost`) and refuses an unverified caller, leaving the card frozen. A report made formal
 * already is returned as it is.
 */
export async function confirmLossReport(ctx: Ctx, reportId: string): Promise<EmergencyReport> {
  authorize(ctx.actor, 'emergency.act');
  return inTransaction(ctx, async (tctx) => {
    const report = await loadReport(tctx, reportId);
    const card = await cardOf(tctx, report.customer_id, report.card_id);
    const at = new Date(report.reported_at);
    if (report.action === 'reported_lost') {
      await tctx.access.require(tctx, { customerId: report.customer_id, need: 'card.report_lost' });
      return reportView(
        report,
        card.last4,
        await protectionFor(tctx, card, at),
        confirmationText(card.last4, report.action, at, null),
      );
    }
    const r = await reportCardLost(tctx, {
      cardId: report.card_id,
      kind: report.kind === 'lost' ? 'lost' : 'stolen',
      note: `${KIND_ZH[report.kind as EmergencyKind] ?? ''},正式挂失`,
    });
    const now = ctx.clock.now().toISOString();
    const updated: EmergencyReportsTable = {
      ...report,
      action: 'reported_lost',
      formal_reported_at: now,
      replacement_card_id: r.replacementCardId,
      updated_at: now,
    };
    await tctx.db
      .updateTable('emergency_reports')
      .set({
        action: updated.action,
        formal_reported_at: updated.formal_reported_at,
        replacement_card_id: updated.replacement_card_id,
        updated_at: now,
      })
      .where('id', '=', reportId)
      .execute();
    if (report.case_id) {
      await recordCaseStep(tctx, report.case_id, 'replacement_ordered', {
        replacementCardId: r.replacementCardId,
        expectedDelivery: r.expectedDelivery,
      });
    }
    const confirmation = confirmationText(card.last4, updated.action, at, r.expectedDelivery);
    await tellInContact(tctx, report.contact_id, confirmation);
    await audit(tctx, {
      action: 'emergency.formal_report',
      entityType: 'emergency_report',
      entityId: report.id,
      customerId: report.customer_id,
      contactId: report.contact_id,
      details: { kind: report.kind, last4: card.last4, replacementCardId: r.replacementCardId },
    });
    return reportView(updated, card.last4, await protectionFor(tctx, card, at), confirmation);
  });
}

/**
 * The fraud case is decided (SPC Interpretation 2021 No. 10, Art. 7): with the bank liable its disputed
 * amounts are written off; with the customer liable they come back to the account, with nothing charged for
 * the time they were set aside. Recorded on the case.
 */
export async function decideFraudCase(ctx: Ctx, caseId: string, outcome: DisputeOutcome): Promise<FraudDecision> {
  authorize(ctx.actor, 'disputes.decide');
  return inTransaction(ctx, async (tctx) => {
    // Access is decided per case (its department, its owner, or a verified contact), as for any case step.
    const { case: caseRow, grant } = await lockCaseForChange(tctx, caseId);
    if (caseRow.kind !== 'fraud') throw new AppError('CASE_NOT_FOUND');
    const ids = await tctx.db
      .selectFrom('fraud_case_transactions')
      .select('transaction_id')
      .where('case_id', '=', caseId)
      .orderBy('transaction_id')
      .execute();
    // A case is decided once: the same decision again is a retry (answered, not recorded twice); the other
    // one would contradict what the case and the ledger hold.
    const earlier = await caseEventDetails(tctx.db, caseId, 'liability_decided');
    const decided = earlier ? (earlier as { outcome?: DisputeOutcome }).outcome : undefined;
    if (decided !== undefined && decided !== outcome)
      throw new AppError('DISPUTE_ALREADY_DECIDED', { details: { outcome: decided } });
    const transactions = [];
    for (const { transaction_id } of ids) transactions.push(await decideDispute(tctx, transaction_id, outcome));
    if (decided === undefined) {
      await recordCaseStep(
        tctx,
        caseRow.id,
        'liability_decided',
        { outcome, totalFen: transactions.reduce((s, t) => s + t.amountFen, 0) },
        grant,
      );
    }
    return {
      caseId,
      outcome,
      transactions: transactions.map((t) => ({
        transactionId: t.transactionId,
        amountFen: t.amountFen,
        status: t.status,
      })),
    };
  });
}

export async function getEmergencyReport(ctx: Ctx, reportId: string): Promise<EmergencyReport> {
  authorize(ctx.actor, 'emergency.act');
  const report = await loadReport(ctx, reportId);
  const grant = await ctx.access.require(ctx, { customerId: report.customer_id, need: 'card.freeze' });
  const card = await cardOf(ctx, report.customer_id, report.card_id);
  const at = new Date(report.reported_at);
  await audit(ctx, {
    action: 'emergency.report_read',
    entityType: 'emergency_report',
    entityId: report.id,
    customerId: report.customer_id,
    contactId: grant.contactId,
    details: {},
  });
  return reportView(
    report,
    card.last4,
    await protectionFor(ctx, card, at),
    confirmationText(card.last4, report.action, at, null),
  );
}
