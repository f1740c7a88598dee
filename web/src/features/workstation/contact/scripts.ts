import { type ContactType, INTENTS, type Intent } from '@carddesk/contracts/vocabulary';
import type { Stage } from '../../../api/contacts.ts';
import type { Locale } from '../../../app/i18n.tsx';
import { NEED_TEXT } from './stages.ts';

/**
 * The words for each stage of the standard flow (work guide §3.1–3.4), specific to what is known of the
 * contact: the greeting carries the agent's ID; verification names what will be asked for the need at hand
 * (and never asks for the PIN, the CVV2 or an SMS code to be read out); the need is restated by type; handling
 * follows the type (a complaint: listen, apologise, record, promise the time limit; an emergency: freeze
 * first); confirming asks whether the problem is solved and whether there is anything else, and only the
 * closing says goodbye. The greeting and closing in Chinese are the bank's configured ones (contacts settings,
 * rendered by the server); the English desk shows the same words in English.
 */
export interface ScriptInput {
  stage: Stage;
  channel: string;
  type: ContactType | null;
  intents: readonly Intent[];
  agentNo: string | null;
  /** The configured greeting and closing as the server rendered them (Chinese). */
  configured: { greeting: string; closing: string };
  /** The bank's table of which need requires which level (contacts settings); defaults below until loaded. */
  accessLevels?: Partial<Record<string, string>> | undefined;
  locale: Locale;
}

type Level = 'none' | 'basic' | 'strong';

/** The customer-data need each intent leads to (the codes of the verification table); none: general information. */
const INTENT_NEED: Partial<Record<Intent, string>> = {
  card_apply: 'application.submit',
  card_activate: 'card.activate',
  card_loss_report: 'card.report_lost',
  fraud_report: 'case.write',
  card_freeze: 'card.freeze',
  card_unfreeze: 'card.unfreeze',
  card_replace: 'card.replace',
  card_cancel: 'card.cancel',
  pin_password: 'profile.update',
  profile_update: 'profile.update',
  statement_query: 'statement.read',
  transaction_query: 'transactions.read',
  transaction_dispute: 'case.write',
  repayment_status: 'account.read',
  autopay_setup: 'profile.update',
  due_date_min_payment: 'statement.read',
  overdue_credit: 'account.read',
  interest_fee_query: 'statement.read',
  fee_waiver_request: 'fee.waive',
  installment_apply: 'installment.apply',
  installment_query: 'installment.quote',
  installment_prepay: 'installment.prepay',
  limit_query: 'account.read',
  limit_increase: 'limit.temporary',
  limit_decrease: 'limit.decrease',
  points_rewards: 'points.read',
  complaint_service: 'case.write',
  complaint_fee: 'case.write',
  complaint_collection: 'case.write',
  complaint_marketing: 'case.write',
};

/** The server's defaults (contacts settings), used until the bank's table has loaded. */
const DEFAULT_LEVELS: Record<string, Level> = {
  'card.freeze': 'none',
  'customer.profile': 'basic',
  'card.report_lost': 'basic',
  'account.read': 'basic',
  'statement.read': 'basic',
  'transactions.read': 'basic',
  'installment.quote': 'basic',
  'points.read': 'basic',
  'limit.decrease': 'basic',
  'fee.waive': 'basic',
  'application.submit': 'basic',
  'case.write': 'basic',
};

const RANK: Record<Level, number> = { none: 0, basic: 1, strong: 2 };

/** The highest level the contact's intents require, and the needs that require it; null when unclassified. */
export function requiredFor(
  intents: readonly Intent[],
  accessLevels: Partial<Record<string, string>> = {},
): { level: Level; needs: string[] } | null {
  if (intents.length === 0) return null;
  let level: Level = 'none';
  let needs: string[] = [];
  for (const intent of intents) {
    const need = INTENT_NEED[intent];
    if (!need) continue;
    const raw = accessLevels[need] ?? DEFAULT_LEVELS[need] ?? 'strong';
    const l: Level = raw === 'none' || raw === 'basic' ? raw : 'strong';
    if (RANK[l] > RANK[level]) {
      level = l;
      needs = [need];
    } else if (l === level && l !== 'none' && !needs.includes(need)) needs.push(need);
  }
  return { level, needs };
}

function list(codes: readonly string[], locale: Locale, names: (c: string) => string): string {
  return codes.map(names).join(locale === 'en' ? ', ' : '、');
}

export function stageScript(input: ScriptInput): string {
  const { locale, type } = input;
  const en = locale === 'en';
  const phone = input.channel === 'phone';
  const intentNames = list(input.intents, locale, (c) => (en ? INTENTS[c as Intent].en : INTENTS[c as Intent].zh));
  const agent = input.agentNo ?? '';
  switch (input.stage) {
    case 'greeting':
      return en ? `Hello, this is agent ${agent}. How may I help you today?` : input.configured.greeting;
    case 'verify': {
      const req = requiredFor(input.intents, input.accessLevels);
      const needNames = list(req?.needs ?? [], locale, (n) => (NEED_TEXT[n] ?? [n, n])[en ? 1 : 0]);
      const never = en
        ? 'We will never ask you for your card PIN, the three-digit security code on the back (CVV2) or any SMS code; please do not tell them to anyone.'
        : '我们不会向您索要卡片密码、卡背面三位安全码(CVV2)或任何短信验证码,请勿告诉任何人。';
      const basic = en
        ? 'please tell me your full name and the last six digits of your ID number (or the last four digits of your card and your date of birth).'
        : '请您提供姓名和证件号码后六位(或卡号后四位及出生日期)。';
      if (!req)
        return en
          ? `To protect your account, before we look at it I need to verify your identity: ${basic} ${never}`
          : `为保障您的账户安全,查询或办理前需要先核实您的身份:${basic}${never}`;
      if (req.level === 'none')
        return en
          ? `What you are asking about is general information: no verification is needed. If you want me to look at your own account, I will verify your identity first. ${never}`
          : `您咨询的是通用业务信息,无需核实身份即可为您解答;如需查询您本人的账户,我再为您核实身份。${never}`;
      const head = en
        ? `To protect your account, before ${needNames} I need to verify your identity: ${basic}`
        : `为保障您的账户安全,办理${needNames}前需要核实您的身份:${basic}`;
      const strong =
        req.level !== 'strong'
          ? ''
          : phone
            ? en
              ? ' As this moves money or changes important details, we will also send a verification SMS to the mobile number registered with us.'
              : '该业务涉及资金或重要信息变更,我们还将向您在本行预留的手机号发送一条核身短信。'
            : en
              ? ' As this moves money or changes important details, a stronger check through your registered mobile is needed.'
              : '该业务涉及资金或重要信息变更,还需通过您在本行预留的手机号加强核实。';
      return `${head}${strong}${en ? ' ' : ''}${never}`;
    }
    case 'need':
      switch (type) {
        case 'consult':
          return en
            ? `Let me make sure I have understood: you would like to know about ${intentNames}. Is that right? Is there anything in particular you want to know?`
            : `我跟您确认一下:您是想了解${intentNames}方面的问题,对吗?具体想了解哪一点呢?`;
        case 'transaction':
          return en
            ? `Let me make sure I have understood: you would like to have ${intentNames} done. Is that right? Before doing anything I will go through the details with you.`
            : `我跟您确认一下:您是需要办理${intentNames},对吗?办理前我会先和您确认具体内容。`;
        case 'complaint':
          return en
            ? `I understand how you feel; please take your time, I am writing down everything you say. So that I have it right: you are unhappy about ${intentNames}, and what you would like us to do is …, is that right?`
            : `非常理解您的心情,请您慢慢说,我会完整记录。我确认一下:您是对${intentNames}不满意,希望我们……,对吗?`;
        case 'emergency':
          return en
            ? `Please don't worry, we will deal with it right away. So that I have it right: ${intentNames}, is that right? When did you last use the card, and are there transactions you do not recognise?`
            : `请您别着急,我们马上为您处理。我确认一下:您是遇到了${intentNames}的情况,对吗?请问您最后一次用卡是什么时候,有没有不认识的交易?`;
        default:
          return en
            ? 'What can I do for you today? (Listen without interrupting, then restate it: "So you would like …, is that right?")'
            : '请问您今天需要咨询或办理什么业务?(耐心倾听后复述确认:"您是想……,对吗?")';
      }
    case 'handle':
      switch (type) {
        case 'consult':
          return en
            ? 'According to what our system shows, … (quote the figures the system computed). Is that clear, or shall I explain any part again?'
            : '根据系统查询结果,为您说明:……(以系统计算的数据为准)。我这样解释您清楚吗?需要我再说明哪一部分?';
        case 'transaction':
          return en
            ? `Before I do ${intentNames} for you, let me confirm what will be done: … Shall I go ahead?`
            : `为您办理${intentNames}前,跟您确认一下操作内容:……,确认办理吗?`;
        case 'complaint':
          return en
            ? 'I am very sorry for the trouble this has caused you. I have recorded your complaint: … (what happened, what you ask for, how to reach you). The department responsible will look into it and we will give you an answer within 15 days; if it cannot be solved at once, we will keep you informed.'
            : '非常抱歉给您带来了不便。您反映的情况我已完整记录:……(问题经过、您的诉求和联系方式)。我们会转交相关部门处理,并在 15 日内给您答复;处理期间有进展会及时告知您。';
        case 'emergency':
          return en
            ? 'To keep your money safe I am freezing the card first, right now (F2). Then: a loss report and replacement card; for transactions you did not make, we register a dispute, and we advise you to report it to the police and keep the receipt.'
            : '为保障您的资金安全,我先立即为您临时冻结卡片(F2)。接下来为您办理挂失补卡;如有非本人交易,我们将为您登记争议调查,建议您尽快报警并保留报案回执。';
        default:
          return en
            ? 'Answer from the system and the knowledge base (Ctrl+K); confirm any operation with the customer before doing it. Beyond your authority: refer to the right department or a senior agent, with everything passed on (§3.4).'
            : '根据系统查询和知识库(Ctrl+K)为客户解答;办理前先向客户确认操作内容。超出权限的,礼貌转介至相关部门或高级客服,并完整传递信息(§3.4)。';
      }
    case 'confirm':
      return en
        ? 'Has your problem been solved? Is there anything else I can help you with?'
        : '请问您的问题是否已经解决?还有其他可以帮您的吗?';
    case 'closing':
      return en
        ? phone
          ? 'Thank you for calling. If you have any other questions, please contact us at any time. Have a nice day, goodbye!'
          : 'Thank you for contacting us. If you have any other questions, please contact us at any time. Have a nice day!'
        : input.configured.closing;
  }
}
