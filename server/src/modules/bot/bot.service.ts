import {
  type BotHandoverReason,
  type BotSummary,
  formatYuan,
  INTENTS,
  type Intent,
  isIntent,
  type TurnSource,
} from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { customerActor } from '../../platform/auth/actor.ts';
import { bankDate } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import {
  acceptInstallment,
  activateCard,
  type CardSummary,
  customerAgeOn,
  freezeCard,
  getCustomerSummary,
  type HolderAccount,
  holderAccounts,
  limitEligibility,
  quoteInstallment,
} from '../cards/index.ts';
import { addBotTurn, botContactState, botHandedOverSince, handOverFromBot } from '../contacts/index.ts';
import { reportEmergency } from '../emergency/index.ts';
import { type MatchAnswer, type MatchResponse, matchQuestion } from '../knowledge/index.ts';
import { analyze, bigramJaccard, bigramsOfFolded, type NluAnalysis } from '../nlu/index.ts';
import type { BotConversationsTable } from './bot.tables.ts';
import { ACT_MIN_CONFIDENCE, handOverMove, planQuestion } from './reply-plan.rules.ts';
import { checkReply } from './safety.ts';
import { type FirstResponder, firstResponder, loadBotRouting } from './settings.ts';

/**
 * The chat assistant (issue 20): it answers a signed-in card holder's chat first, from the published FAQs
 * through the matcher and from the card engine for the holder's own figures and cards, and hands the chat
 * to a person — with a summary of what it learnt and did — when the customer asks in any wording (the
 * NLU's `human_agent`), rejects two answers, complains or is angry, has an emergency (the card is frozen
 * first), or is a priority customer (flagged vulnerable, or aged 65 and over). From the hand-over on it
 * says nothing more in that chat; a chat reopened after a hand-over goes straight to a person.
 *
 * Everything it does runs as the customer (`customerActor`), through the same services as the desk, and
 * each change waits for the customer's explicit yes in a confirmation turn.
 */

/** A chat reopened within this many hours of a hand-over goes to a person, not back to the assistant. */
export const REOPEN_HOURS = 24;
/** Answers rejected before a person takes over. */
export const MAX_REJECTIONS = 2;
/** Customers this old or older are handed to a person first (priority). */
export const PRIORITY_AGE = 65;

type Operation = 'card.freeze' | 'card.activate' | 'emergency.freeze' | 'installment.bill';

type Pending =
  | { kind: 'clarify'; options: Array<{ id: string; title: string }> }
  | { kind: 'confirm'; operation: Operation; cardId: string; last4: string; emergency?: 'lost' | 'stolen' | 'fraud' }
  | { kind: 'choose_card'; operation: Operation; emergency?: 'lost' | 'stolen' | 'fraud'; last4s: string[] }
  | { kind: 'offer_person'; reason: BotHandoverReason }
  | { kind: 'installment_periods' }
  | { kind: 'installment_accept'; quoteId: string; quoteHash: string; periods: number };

interface Memory {
  intents: BotSummary['intents'];
  slots: Record<string, unknown>;
  answers: BotSummary['answers'];
  actions: BotSummary['actions'];
  /** The seq of the assistant's last answer, which the customer may reject in their next message. */
  lastAnswerSeq: number | null;
}

const emptyMemory = (): Memory => ({ intents: [], slots: {}, answers: [], actions: [], lastAnswerSeq: null });

/** What a reply turned out to be, for the benchmark and tests. */
export type BotOutcome =
  | { kind: 'answer'; source: TurnSource }
  | { kind: 'clarify'; ids: string[] }
  | { kind: 'confirm'; operation: Operation }
  | { kind: 'unknown' }
  | { kind: 'handover'; reason: BotHandoverReason }
  | { kind: 'other' }
  | { kind: 'silent' };

interface Turn {
  ctx: Ctx;
  contactId: string;
  customerId: string;
  conv: BotConversationsTable;
  memory: Memory;
  pending: Pending | null;
  outcome: BotOutcome;
}

// ---- starting a chat ----------------------------------------------------------------------------

/**
 * Who answers a new chat: the routing setting for the channel and time of day. (A customer whose chat the
 * assistant handed over in the last `REOPEN_HOURS` is handed to a person by `startBotConversation`.)
 */
export async function chatResponder(ctx: Ctx): Promise<FirstResponder> {
  return firstResponder(await loadBotRouting(ctx), 'chat', ctx.clock.now());
}

/**
 * The assistant takes a new chat contact: a priority customer, or one whose last chat it handed over
 * recently, is handed to a person at once (told so); anyone else is greeted. A first message that reports
 * an emergency (a lost or stolen card, fraud) is acted on first whoever the customer is: the card is
 * frozen at any hour, and the hand-over that follows goes to the emergency queue. Runs in its own
 * transaction.
 */
export async function startBotConversation(
  ctx: Ctx,
  contactId: string,
  customerId: string,
  options: { firstMessage?: string | undefined } = {},
): Promise<BotOutcome> {
  const asCustomer: Ctx = { ...ctx, actor: customerActor(customerId), contactId };
  return inTransaction(asCustomer, async (base) => {
    const now = ctx.clock.now();
    const since = new Date(now.getTime() - REOPEN_HOURS * 3_600_000).toISOString();
    const reopened = await botHandedOverSince(base, customerId, since);
    const conv: BotConversationsTable = {
      contact_id: contactId,
      customer_id: customerId,
      state: 'bot',
      pending: null,
      rejections: 0,
      memory: JSON.stringify(emptyMemory()),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await base.db.insertInto('bot_conversations').values(conv).execute();
    const t: Turn = {
      ctx: base,
      contactId,
      customerId,
      conv,
      memory: emptyMemory(),
      pending: null,
      outcome: { kind: 'other' },
    };
    const priority = await isPriorityCustomer(base, customerId);
    // An emergency is left to the reply to the first message (botRespond): freeze first, then the hand-over.
    const emergencyFirst = options.firstMessage !== undefined && isEmergency(base, options.firstMessage);
    if (emergencyFirst) {
      t.outcome = { kind: 'other' };
    } else if (reopened && (await stillServing(t))) {
      // The earlier chat went to a person: this one does too, instead of the assistant starting over.
      await handOver(t, 'reopened', '您好,您之前的咨询已由人工客服跟进,正在为您转接人工客服,请稍候。');
    } else if (priority) {
      await handOver(t, 'priority_customer', '您好,正在为您优先转接人工客服,请稍候,您无需重复说明情况。');
    } else if (options.firstMessage === undefined) {
      await say(
        t,
        '您好,我是智能助手,可以为您解答用卡问题,查询账单、还款和积分,办理卡片临时冻结和激活。需要人工服务时请随时告诉我。',
        null,
      );
    }
    await save(t);
    return t.outcome;
  });
}

/** The message reads surely as an emergency (the NLU's intent of type `emergency`). */
function isEmergency(ctx: Ctx, text: string): boolean {
  try {
    const nlu = analyze(scrubText(text).trim(), { now: ctx.clock.now() });
    return isIntent(nlu.intent) && INTENTS[nlu.intent].type === 'emergency' && nlu.confidence >= ACT_MIN_CONFIDENCE;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

async function isPriorityCustomer(ctx: Ctx, customerId: string): Promise<boolean> {
  const summary = await getCustomerSummary(ctx, customerId);
  if (summary.flags.vulnerable) return true;
  const age = await customerAgeOn(ctx, customerId, bankDate(ctx.clock.now()));
  return age !== null && age >= PRIORITY_AGE;
}

// ---- one customer message -------------------------------------------------------------------------

/**
 * The assistant's reply to a customer message in a chat it serves (nothing once it handed over). Runs in
 * its own transaction after the customer's turn is stored; a failure hands the chat to a person.
 */
export async function botRespond(ctx: Ctx, contactId: string, text: string): Promise<BotOutcome> {
  try {
    // The FAQ match is read before the transaction: the knowledge base keeps the matcher it builds only
    // outside one (a transaction might roll back), so matching inside would rebuild it on every message.
    const question = scrubText(text).trim().slice(0, 500);
    const matched = question
      ? await matchQuestion(ctx, { question, limit: 3 }, { audiences: ['public'] })
      : { none: true, matches: [], clarify: null };
    return await inTransaction(ctx, (tctx) => respond(tctx, contactId, text, matched));
  } catch (err) {
    ctx.log.error({ err, contactId }, 'chat assistant failed: handing the chat to a person');
    return inTransaction(ctx, async (tctx) => {
      const conv = await tctx.db
        .selectFrom('bot_conversations')
        .selectAll()
        .where('contact_id', '=', contactId)
        .executeTakeFirst();
      if (conv?.state !== 'bot') return { kind: 'silent' } as const;
      const t = turnOf(tctx, conv);
      if (!(await stillServing(t))) return { kind: 'silent' } as const;
      await handOver(t, 'bot_error', '抱歉,智能助手暂时无法处理,正在为您转接人工客服,请稍候。');
      await save(t);
      return t.outcome;
    });
  }
}

function turnOf(ctx: Ctx, conv: BotConversationsTable): Turn {
  return {
    ctx: { ...ctx, actor: customerActor(conv.customer_id), contactId: conv.contact_id },
    contactId: conv.contact_id,
    customerId: conv.customer_id,
    conv,
    memory: { ...emptyMemory(), ...(JSON.parse(conv.memory) as Partial<Memory>) },
    pending: conv.pending ? (JSON.parse(conv.pending) as Pending) : null,
    outcome: { kind: 'other' },
  };
}

async function stillServing(t: Turn): Promise<boolean> {
  const state = await botContactState(t.ctx, t.contactId);
  return state.serving;
}

async function respond(ctx: Ctx, contactId: string, raw: string, matched: MatchResponse): Promise<BotOutcome> {
  // The contact row is locked first and to the commit: one reply at a time per chat, and the conversation
  // (what it waits for) is read after the reply before it committed — a confirmation sent twice at once
  // finds the pending operation once.
  const state = await botContactState(ctx, contactId);
  const conv = await ctx.db
    .selectFrom('bot_conversations')
    .selectAll()
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  if (conv?.state !== 'bot') return { kind: 'silent' };
  const t = turnOf(ctx, conv);
  if (!state.serving) {
    t.conv.state = 'ended';
    await save(t);
    return { kind: 'silent' };
  }
  // What was stored: authentication data typed in is redacted before the assistant reads it.
  const text = scrubText(raw).trim();
  await decide(t, text, matched);
  await save(t);
  return t.outcome;
}

async function save(t: Turn): Promise<void> {
  await t.ctx.db
    .updateTable('bot_conversations')
    .set({
      state: t.conv.state,
      pending: t.pending ? JSON.stringify(t.pending) : null,
      rejections: t.conv.rejections,
      memory: JSON.stringify(t.memory),
      updated_at: t.ctx.clock.now().toISOString(),
    })
    .where('contact_id', '=', t.contactId)
    .execute();
}

const YES = /^(是|是的|对|对的|确认|确定|好|好的|可以|嗯|行|要|需要|冻结|激活|转|yes|ok|y)[。.!！呀啊吧的]*$/i;
/** A filler said while listening (嗯): a yes to a freeze, not the explicit consent an installment needs. */
const FILLER_YES = /^嗯/;
const NO = /^(不|不用|不要|不需要|否|取消|算了|先不|no|n)[。.!！了呀啊吧的用要]*$/i;
const REJECT =
  /(没用|没有用|不对|不是这个|不是我问的|答非所问|没解决|没有解决|看不懂|没帮助|没有帮助|不满意|不是我要的|说的不对)/;

async function decide(t: Turn, text: string, matched: MatchResponse): Promise<void> {
  let nlu: NluAnalysis | null = null;
  try {
    nlu = analyze(text, { now: t.ctx.clock.now() });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
  const intent = nlu && isIntent(nlu.intent) ? nlu.intent : null;
  if (nlu && intent) remember(t, nlu, intent);

  // 0. The customer rejects the last answer ("没用", "答非所问"): read before anything else, since such
  // short complaints about an answer say nothing of an emergency or a complaint about the bank.
  if (t.memory.lastAnswerSeq !== null && REJECT.test(text)) {
    t.pending = null;
    t.conv.rejections += 1;
    t.memory.lastAnswerSeq = null;
    if (t.conv.rejections >= MAX_REJECTIONS) {
      return handOver(t, 'rejected_answers', '抱歉没能解答您的问题,正在为您转接人工客服,请稍候,您无需重复说明情况。');
    }
    t.pending = { kind: 'offer_person', reason: 'rejected_answers' };
    t.outcome = { kind: 'other' };
    await say(t, '抱歉没能帮到您。您可以换个说法再问一次;需要人工客服的话,请回复“转人工”。', null);
    return;
  }

  // 1. What a person must take, whatever the assistant was in the middle of.
  const urgent = handOverMove(nlu);
  if (urgent?.kind === 'emergency') return emergency(t, urgent.intent, nlu, text);
  if (urgent?.reason === 'customer_request') {
    return handOver(t, 'customer_request', '好的,正在为您转接人工客服,请稍候,您无需重复说明情况。');
  }
  if (urgent?.reason === 'complaint') {
    return handOver(t, 'complaint', '非常抱歉给您带来不好的体验,正在为您转接人工客服处理,请稍候,您无需重复说明情况。');
  }
  if (urgent?.reason === 'angry') {
    return handOver(t, 'angry', '非常抱歉让您着急了,正在为您转接人工客服,请稍候,您无需重复说明情况。');
  }

  // 2. An answer to what the assistant asked.
  const pending = t.pending;
  t.pending = null;
  if (pending && (await followUp(t, pending, text))) return;

  // 3. A new question: the holder's own cards and accounts, or the published FAQs.
  const plan = planQuestion(text, nlu, matched);
  switch (plan.kind) {
    case 'operation':
      return prepare(t, plan.operation, nlu);
    case 'read':
      return readOperation(t, plan.intent);
    case 'limit_eligibility':
      return readLimitEligibility(t, plan.temporary);
    case 'installment':
      return plan.periods ? quoteBillInstallment(t, plan.periods) : askPeriods(t);
    case 'greeting':
      t.outcome = { kind: 'other' };
      await say(t, '您好,请问有什么可以帮您?', null);
      return;
    case 'faq_clarify':
      return clarify(t, plan.a, plan.b);
    case 'faq_unknown':
      t.pending = { kind: 'offer_person', reason: 'unanswered' };
      t.outcome = { kind: 'unknown' };
      await say(t, '抱歉,这个问题我还没有可靠的答案。需要为您转接人工客服吗?回复“是”即可转接。', null);
      return;
    case 'faq_answer':
      return answer(t, plan.match.answer, { kind: 'faq', id: plan.match.id, title: plainTitle(plan.match.title) }, [
        plan.match.answer,
        plan.match.title,
      ]);
  }
}

const PERIODS = /^分?\s*(\d{1,2})\s*期?[。.!！吧呀的]*$|(\d{1,2})\s*期/;

function remember(t: Turn, nlu: NluAnalysis, intent: Intent): void {
  if (intent !== 'out_of_scope' && intent !== 'greeting' && nlu.confidence >= ACT_MIN_CONFIDENCE) {
    const known = t.memory.intents.find((i) => i.intent === intent);
    if (known) known.confidence = Math.max(known.confidence, nlu.confidence);
    else t.memory.intents.push({ intent, zh: INTENTS[intent].zh, confidence: nlu.confidence });
  }
  for (const [k, v] of Object.entries(nlu.slots)) if (v && (v as unknown[]).length > 0) t.memory.slots[k] = v;
}

/** The customer's reply to a question the assistant put; false when it is not one (a new question). */
async function followUp(t: Turn, pending: Pending, text: string): Promise<boolean> {
  switch (pending.kind) {
    case 'confirm':
      if (YES.test(text)) {
        await execute(t, pending);
        return true;
      }
      if (NO.test(text)) {
        record(t, pending.operation, 'declined', `尾号${pending.last4}`);
        if (pending.operation === 'emergency.freeze') {
          await handOver(t, 'emergency', '好的,暂不冻结。正在为您转接人工客服处理挂失,请稍候。');
        } else {
          t.outcome = { kind: 'other' };
          await say(t, '好的,已取消,未做任何变更。还有什么可以帮您?', null);
        }
        return true;
      }
      return false;
    case 'choose_card': {
      const last4 = /\d{4}/.exec(text)?.[0];
      if (last4 && pending.last4s.includes(last4)) {
        const cards = await holderCards(t);
        const card = cards.find((c) => c.last4 === last4);
        if (card) {
          await askConfirm(t, pending.operation, card, pending.emergency);
          return true;
        }
      }
      return false;
    }
    case 'clarify': {
      const pick = chooseOption(text, pending.options);
      if (pick) {
        await answerFaqById(t, pick);
        return true;
      }
      if (/(都不是|都不对|都没有|不是)/.test(text)) {
        t.pending = { kind: 'offer_person', reason: 'unanswered' };
        t.outcome = { kind: 'unknown' };
        await say(t, '抱歉没能理解您的问题。您可以换个说法再问一次;需要人工客服的话,请回复“转人工”。', null);
        return true;
      }
      return false;
    }
    case 'installment_periods': {
      // The number of periods: a number said with 期, or the whole answer — not any digits in a new question.
      const m = PERIODS.exec(text);
      const n = m?.[1] ?? m?.[2];
      if (!n) return false;
      await quoteBillInstallment(t, Number(n));
      return true;
    }
    case 'installment_accept':
      if (YES.test(text) && FILLER_YES.test(text)) {
        // A filler is no consent to a credit product: asked again, the quote still open.
        t.pending = pending;
        t.outcome = { kind: 'confirm', operation: 'installment.bill' };
        await say(t, '办理分期需要您明确同意。确认办理请回复“确认”,不办理请回复“取消”。', null);
        return true;
      }
      if (YES.test(text)) {
        await acceptQuoted(t, pending);
        return true;
      }
      if (NO.test(text)) {
        record(t, 'installment.bill', 'declined', `${pending.periods}期`);
        t.outcome = { kind: 'other' };
        await say(t, '好的,不办理分期,未做任何变更。还有什么可以帮您?', null);
        return true;
      }
      return false;
    case 'offer_person':
      if (YES.test(text)) {
        await handOver(t, pending.reason, '好的,正在为您转接人工客服,请稍候,您无需重复说明情况。');
        return true;
      }
      if (NO.test(text)) {
        t.outcome = { kind: 'other' };
        await say(t, '好的,您可以继续提问。', null);
        return true;
      }
      return false;
  }
}

function chooseOption(
  text: string,
  options: Array<{ id: string; title: string }>,
): { id: string; title: string } | undefined {
  const t = text.replace(/\s/g, '');
  if (/^(1|一|第一|第一个|第1个|前者|前面那个|a)[。.!！个]*$/i.test(t)) return options[0];
  if (/^(2|二|第二|第二个|第2个|后者|后面那个|b)[。.!！个]*$/i.test(t)) return options[1];
  let best: { id: string; title: string } | undefined;
  let bestScore = 0.34;
  const mine = bigramsOfFolded(t);
  for (const o of options) {
    const s = bigramJaccard(mine, bigramsOfFolded(o.title));
    if (s > bestScore) [best, bestScore] = [o, s];
  }
  return best;
}

// ---- answers --------------------------------------------------------------------------------------

async function clarify(t: Turn, a: MatchAnswer, b: MatchAnswer): Promise<void> {
  const options = [
    { id: a.id, title: plainTitle(a.title) },
    { id: b.id, title: plainTitle(b.title) },
  ];
  t.pending = { kind: 'clarify', options };
  t.outcome = { kind: 'clarify', ids: [a.id, b.id] };
  await say(t, `您想问的是:1. ${options[0]?.title} / 2. ${options[1]?.title}?请回复 1 或 2。`, null, [
    '1',
    '2',
    a.title,
    b.title,
  ]);
}

/** The FAQ the customer picked from a clarifying question, found again by its own title. */
async function answerFaqById(t: Turn, option: { id: string; title: string }): Promise<void> {
  const result = await matchQuestion(t.ctx, { question: option.title, limit: 10 }, { audiences: ['public'] });
  const chosen = result.matches.find((m) => m.id === option.id);
  if (!chosen) {
    t.pending = { kind: 'offer_person', reason: 'unanswered' };
    t.outcome = { kind: 'unknown' };
    await say(t, '抱歉,暂时找不到这条解答。需要为您转接人工客服吗?回复“是”即可转接。', null);
    return;
  }
  await answer(t, chosen.answer, { kind: 'faq', id: chosen.id, title: plainTitle(chosen.title) }, [
    chosen.answer,
    chosen.title,
  ]);
}

const plainTitle = (title: string) => title.replace(/[\uFF1F?\u3002]+$/u, '');

async function answer(t: Turn, text: string, source: TurnSource, allowed: string[]): Promise<void> {
  const seq = await say(t, text, source, allowed);
  if (seq === null) return;
  t.memory.lastAnswerSeq = seq;
  t.memory.answers.push({ seq, text: text.slice(0, 200), source });
  t.outcome = { kind: 'answer', source };
}

/** Sends a turn after the safety checks; a reply that fails them is not sent and a person takes over. */
async function say(t: Turn, text: string, source: TurnSource | null, allowed: string[] = []): Promise<number | null> {
  const problems = await checkReply(t.ctx, text, allowed);
  if (problems.length > 0) {
    await audit(t.ctx, {
      action: 'bot.reply_blocked',
      entityType: 'contact',
      entityId: t.contactId,
      customerId: t.customerId,
      contactId: t.contactId,
      details: { problems, source },
    });
    await handOver(t, 'safety_check', '正在为您转接人工客服,请稍候,您无需重复说明情况。');
    return null;
  }
  const turn = await addBotTurn(t.ctx, t.contactId, text, source);
  return turn.seq;
}

// ---- operations -----------------------------------------------------------------------------------

function record(t: Turn, operation: string, status: 'done' | 'declined' | 'failed', detail: string): void {
  t.memory.actions.push({ operation, status, detail, at: t.ctx.clock.now().toISOString() });
}

async function holderCards(t: Turn): Promise<CardSummary[]> {
  return (await getCustomerSummary(t.ctx, t.customerId)).cards;
}

const OPERATION_ZH: Record<Operation, string> = {
  'installment.bill': '账单分期',
  'card.freeze': '临时冻结',
  'card.activate': '激活',
  'emergency.freeze': '临时挂失(冻结)',
};

function eligible(operation: Operation, cards: CardSummary[]): CardSummary[] {
  if (operation === 'card.activate') return cards.filter((c) => c.status === 'pending_activation');
  return cards.filter((c) => c.status === 'active' || c.status === 'pending_activation');
}

/** Finds the card an operation is for (the last four the customer named, or their only card), then asks. */
async function prepare(
  t: Turn,
  operation: Operation,
  nlu: NluAnalysis | null,
  emergencyKind?: 'lost' | 'stolen' | 'fraud',
): Promise<void> {
  const cards = eligible(operation, await holderCards(t));
  const named = nlu?.slots.cardLast4?.map((s) => s.last4) ?? [];
  const picked = named.length ? cards.filter((c) => named.includes(c.last4)) : cards;
  if (picked.length === 1 && picked[0]) return askConfirm(t, operation, picked[0], emergencyKind);
  if (picked.length > 1) {
    t.pending = {
      kind: 'choose_card',
      operation,
      last4s: picked.map((c) => c.last4),
      ...(emergencyKind ? { emergency: emergencyKind } : {}),
    };
    t.outcome = { kind: 'confirm', operation };
    await say(
      t,
      `请问要${OPERATION_ZH[operation]}哪张卡?请回复卡号末四位:${picked.map((c) => c.last4).join(' / ')}。`,
      null,
      picked.map((c) => c.last4),
    );
    return;
  }
  if (operation === 'emergency.freeze') {
    return handOver(t, 'emergency', '正在为您转接人工客服处理挂失,请稍候,您无需重复说明情况。');
  }
  record(t, operation, 'failed', '没有可办理的卡片');
  t.pending = { kind: 'offer_person', reason: 'operation_needs_person' };
  t.outcome = { kind: 'other' };
  await say(
    t,
    operation === 'card.activate'
      ? '您名下暂时没有待激活的卡片。需要人工客服帮您查看吗?回复“是”即可转接。'
      : '您名下暂时没有可以冻结的卡片。需要人工客服帮您查看吗?回复“是”即可转接。',
    null,
  );
}

async function askConfirm(
  t: Turn,
  operation: Operation,
  card: CardSummary,
  emergencyKind?: 'lost' | 'stolen' | 'fraud',
): Promise<void> {
  t.pending = {
    kind: 'confirm',
    operation,
    cardId: card.id,
    last4: card.last4,
    ...(emergencyKind ? { emergency: emergencyKind } : {}),
  };
  t.outcome = { kind: 'confirm', operation };
  const what =
    operation === 'card.activate'
      ? `确认激活您尾号 ${card.last4} 的卡片吗?激活后即可使用。`
      : operation === 'emergency.freeze'
        ? `为保障您的资金安全,可以立即临时冻结您尾号 ${card.last4} 的卡片,冻结后该卡暂停一切交易。确认冻结吗?`
        : `确认临时冻结您尾号 ${card.last4} 的卡片吗?冻结后该卡暂停交易,可随时申请解冻。`;
  await say(t, `${what}请回复“确认”或“取消”。`, null, [card.last4]);
}

/** Runs a confirmed operation through the card engine (or the emergency lane), as the customer. */
async function execute(t: Turn, p: Extract<Pending, { kind: 'confirm' }>): Promise<void> {
  const source: TurnSource = { kind: 'operation', id: p.operation, title: OPERATION_ZH[p.operation] };
  try {
    if (p.operation === 'card.freeze') {
      await freezeCard(t.ctx, { cardId: p.cardId, reason: '持卡人通过智能助手自助冻结' });
    } else if (p.operation === 'card.activate') {
      await activateCard(t.ctx, { cardId: p.cardId });
    } else {
      await reportEmergency(t.ctx, { customerId: t.customerId, cardId: p.cardId, kind: p.emergency ?? 'lost' });
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    record(t, p.operation, 'failed', `尾号${p.last4}:${err.code}`);
    await auditOperation(t, p.operation, 'failed', { last4: p.last4, code: err.code });
    return handOver(t, 'operation_needs_person', '抱歉,这项业务暂时无法自助办理,正在为您转接人工客服,请稍候。');
  }
  record(t, p.operation, 'done', `尾号${p.last4}`);
  await auditOperation(t, p.operation, 'done', { cardId: p.cardId, last4: p.last4, confirmed: true });
  if (p.operation === 'emergency.freeze') {
    await answer(t, `已临时冻结您尾号 ${p.last4} 的卡片,该卡暂停一切交易。`, source, [p.last4]);
    return handOver(t, 'emergency', '正式挂失和补卡需要人工客服为您办理,正在为您转接,请稍候,您无需重复说明情况。');
  }
  const done =
    p.operation === 'card.freeze'
      ? `已为您临时冻结尾号 ${p.last4} 的卡片,该卡暂停交易。需要恢复使用时可以申请解冻。`
      : `尾号 ${p.last4} 的卡片已激活,可以正常使用了。`;
  await answer(t, done, source, [p.last4]);
}

/** The audit record that names the customer as the actor of what the assistant did for them. */
async function auditOperation(t: Turn, operation: string, status: string, details: Record<string, unknown>) {
  await audit(t.ctx, {
    action: 'bot.operation',
    entityType: 'contact',
    entityId: t.contactId,
    customerId: t.customerId,
    contactId: t.contactId,
    details: { operation, status, actor: 'customer', via: 'chat_assistant', ...details },
  });
}

async function emergency(t: Turn, intent: Intent, nlu: NluAnalysis | null, text: string): Promise<void> {
  const kind = intent === 'fraud_report' ? 'fraud' : /(偷|被盗|抢)/.test(text) ? 'stolen' : 'lost';
  return prepare(t, 'emergency.freeze', nlu, kind);
}

/** The holder's own figures, straight from the engine (no confirmation: nothing changes). */
async function readOperation(t: Turn, intent: Intent): Promise<void> {
  const accounts = await holderAccounts(t.ctx, t.customerId);
  const account = accounts.find((a) => a.status === 'active') ?? accounts[0];
  if (!account) {
    t.pending = { kind: 'offer_person', reason: 'operation_needs_person' };
    t.outcome = { kind: 'other' };
    await say(t, '暂时没有查到您名下的账户。需要为您转接人工客服吗?回复“是”即可转接。', null);
    return;
  }
  const { text, figures, id } = readText(intent, account);
  await auditOperation(t, id, 'done', { accountId: account.id });
  record(t, id, 'done', INTENTS[intent].zh);
  await answer(t, text, { kind: 'operation', id, title: OPERATION_TITLES[id] ?? INTENTS[intent].zh }, figures);
}

/**
 * Whether the holder can have more limit, for good or for a while: the card engine's eligibility (the same
 * rules `requestPermanentLimit` and the desk's limit dialog use), read as the customer. Nothing is requested:
 * a request goes through a person.
 */
async function readLimitEligibility(t: Turn, temporary: boolean): Promise<void> {
  const accounts = await holderAccounts(t.ctx, t.customerId);
  const account = accounts.find((a) => a.status === 'active');
  if (!account) {
    t.pending = { kind: 'offer_person', reason: 'operation_needs_person' };
    t.outcome = { kind: 'other' };
    await say(t, '暂时没有查到您名下可以调整额度的账户。需要为您转接人工客服吗?回复“是”即可转接。', null);
    return;
  }
  const e = await limitEligibility(t.ctx, account.id);
  const y = formatYuan;
  const permanent = e.permanent.eligible
    ? `您的${account.productName}目前可以申请永久提额,最高可调至 ${y(e.permanent.maxLimitFen)} 元(当前 ${y(e.currentLimitFen)} 元),${
        e.permanent.maxLimitFen > e.permanent.approvalAboveFen ? '超过一定金额需审批,' : ''
      }具体以审核结果为准。`
    : e.permanent.earliest
      ? `您的${account.productName}暂时不满足永久提额条件,最早 ${e.permanent.earliest} 起可以申请。`
      : `您的${account.productName}暂时不满足永久提额条件。`;
  const temp = e.temporary.overdue
    ? '账户有逾期,暂时不能办理临时额度。'
    : `临时额度最多可增加 ${y(e.temporary.maxExtraFen)} 元,有效期最长 ${e.temporary.maxDays} 天。`;
  const text = `${temporary ? temp + permanent : permanent + temp}需要办理的话,回复“是”即可转接人工客服为您提交申请。`;
  const figures = [
    y(e.permanent.maxLimitFen),
    y(e.currentLimitFen),
    y(e.temporary.maxExtraFen),
    String(e.temporary.maxDays),
    e.permanent.earliest ?? '',
  ];
  const id = 'account.limit_eligibility';
  await auditOperation(t, id, 'done', { accountId: account.id, temporary });
  record(t, id, 'done', temporary ? '临时额度资格' : '提额资格');
  t.pending = { kind: 'offer_person', reason: 'operation_needs_person' };
  await answer(t, text, { kind: 'operation', id, title: OPERATION_TITLES[id] ?? '提额资格' }, figures);
}

const OPERATION_TITLES: Record<string, string> = {
  'account.statement': '您的账单',
  'account.repayment_status': '您的还款情况',
  'account.points': '您的积分',
  'account.limit': '您的额度',
  'account.limit_eligibility': '您的提额资格',
};

function readText(intent: Intent, a: HolderAccount): { text: string; figures: string[]; id: string } {
  const s = a.latestStatement;
  const y = formatYuan;
  switch (intent) {
    case 'points_rewards':
      return {
        id: 'account.points',
        text: `您的${a.productName}当前可用积分为 ${a.pointsBalance} 分。`,
        figures: [String(a.pointsBalance)],
      };
    case 'limit_query':
      return {
        id: 'account.limit',
        text: `您的${a.productName}信用额度为 ${y(a.creditLimitFen)} 元,当前可用额度 ${y(a.availableCreditFen)} 元。`,
        figures: [y(a.creditLimitFen), y(a.availableCreditFen)],
      };
    case 'repayment_status':
      if (!s) return { id: 'account.repayment_status', text: '您的账户还没有出过账单,暂无待还款项。', figures: [] };
      return {
        id: 'account.repayment_status',
        text:
          s.remainingFen === 0
            ? `您 ${s.statementDate} 的账单已全部还清(已还 ${y(s.paidFen)} 元)。`
            : `您 ${s.statementDate} 的账单应还 ${y(s.newBalanceFen)} 元,已还 ${y(s.paidFen)} 元,还需还款 ${y(s.remainingFen)} 元,到期还款日 ${s.dueDate}。`,
        figures: [s.statementDate, s.dueDate, y(s.newBalanceFen), y(s.paidFen), y(s.remainingFen)],
      };
    default:
      if (!s) return { id: 'account.statement', text: '您的账户还没有出过账单。', figures: [] };
      return {
        id: 'account.statement',
        text: `您 ${s.statementDate} 的账单:本期应还 ${y(s.newBalanceFen)} 元,最低还款 ${y(s.minimumPaymentFen)} 元,到期还款日 ${s.dueDate};尚需还款 ${y(s.remainingFen)} 元。当前可用额度 ${y(a.availableCreditFen)} 元。`,
        figures: [
          s.statementDate,
          s.dueDate,
          y(s.newBalanceFen),
          y(s.minimumPaymentFen),
          y(s.remainingFen),
          y(a.availableCreditFen),
        ],
      };
  }
}

// ---- bill installment: the annualised rate first, accepted only after an explicit yes -----------

async function askPeriods(t: Turn): Promise<void> {
  t.pending = { kind: 'installment_periods' };
  t.outcome = { kind: 'confirm', operation: 'installment.bill' };
  await say(t, '可以为您的本期账单办理分期。请问您想分几期?', null);
}

async function quoteBillInstallment(t: Turn, periods: number): Promise<void> {
  const accounts = await holderAccounts(t.ctx, t.customerId);
  const account = accounts.find((a) => a.status === 'active' && a.latestStatement);
  if (!account?.latestStatement) {
    t.pending = { kind: 'offer_person', reason: 'operation_needs_person' };
    t.outcome = { kind: 'other' };
    await say(t, '暂时没有可以分期的账单。需要为您转接人工客服吗?回复“是”即可转接。', null);
    return;
  }
  let quote: Awaited<ReturnType<typeof quoteInstallment>>;
  try {
    quote = await quoteInstallment(t.ctx, {
      accountId: account.id,
      kind: 'bill',
      periods,
      sourceId: account.latestStatement.id,
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    record(t, 'installment.bill', 'failed', `${periods}期:${err.code}`);
    t.pending = { kind: 'offer_person', reason: 'operation_needs_person' };
    t.outcome = { kind: 'other' };
    await say(t, '抱歉,这笔账单暂时无法按这个期数分期。需要为您转接人工客服吗?回复“是”即可转接。', null);
    return;
  }
  t.pending = { kind: 'installment_accept', quoteId: quote.quoteId, quoteHash: quote.quoteHash, periods };
  t.outcome = { kind: 'confirm', operation: 'installment.bill' };
  // The engine's own disclosure, the annualised rate first (《2022通知》); nothing is agreed yet.
  await say(t, `${quote.notice}\n确认办理请回复“确认”,不办理请回复“取消”。`, null, [quote.notice]);
}

async function acceptQuoted(t: Turn, p: Extract<Pending, { kind: 'installment_accept' }>): Promise<void> {
  const source: TurnSource = { kind: 'operation', id: 'installment.bill', title: '账单分期' };
  try {
    await acceptInstallment(t.ctx, { quoteId: p.quoteId, quoteHash: p.quoteHash, customerAgreed: true });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    record(t, 'installment.bill', 'failed', `${p.periods}期:${err.code}`);
    await auditOperation(t, 'installment.bill', 'failed', { quoteId: p.quoteId, code: err.code });
    return handOver(t, 'operation_needs_person', '抱歉,分期暂时无法自助办理,正在为您转接人工客服,请稍候。');
  }
  record(t, 'installment.bill', 'done', `${p.periods}期`);
  await auditOperation(t, 'installment.bill', 'done', { quoteId: p.quoteId, quoteHash: p.quoteHash, confirmed: true });
  await answer(t, `已按您确认的方案为本期账单办理 ${p.periods} 期分期。`, source, [String(p.periods)]);
}

// ---- hand-over ------------------------------------------------------------------------------------

const EMERGENCY_FIRST: readonly Intent[] = ['card_loss_report', 'fraud_report'];

/** Tells the customer, hands the contact to a person with the summary, and stops for good. */
async function handOver(t: Turn, reason: BotHandoverReason, message: string): Promise<void> {
  t.pending = null;
  t.conv.state = 'handed_over';
  t.outcome = { kind: 'handover', reason };
  // Told before the hand-over: afterwards the assistant may add nothing to the chat.
  await addBotTurn(t.ctx, t.contactId, message, null);
  const intents = [...t.memory.intents].sort((a, b) => {
    const ea = EMERGENCY_FIRST.includes(a.intent) ? 0 : 1;
    const eb = EMERGENCY_FIRST.includes(b.intent) ? 0 : 1;
    return ea - eb;
  });
  const priority = reason === 'priority_customer' || (await isPriorityCustomer(t.ctx, t.customerId));
  await handOverFromBot(t.ctx, t.contactId, {
    intents: intents.map((i) => i.intent),
    priority,
    summary: {
      reason,
      intents: t.memory.intents,
      slots: t.memory.slots,
      answers: t.memory.answers,
      actions: t.memory.actions,
      rejectedAnswers: t.conv.rejections,
    },
  });
  await audit(t.ctx, {
    action: 'bot.handover',
    entityType: 'contact',
    entityId: t.contactId,
    customerId: t.customerId,
    contactId: t.contactId,
    details: { reason, priority },
  });
}
