/**
 * The default scorecard, from the service guide: §3.1 (greeting with the agent ID, confirming the customer
 * is satisfied, closing words), §3.2 (apology and empathy with a complaint), §2.4 (manner: no forbidden
 * phrases, no promises beyond authority), §1.4 (confidentiality: no authentication data asked for, no full
 * numbers) and the chat reply time. The item codes are a public contract (CLI output, stored findings).
 *
 * Patterns run on folded text (engine/text.ts): simplified, lower case, no spaces, punctuation or fillers,
 * spoken digits as digits. Word lists allow a few insertable characters between words (不太知道,
 * 没有办法) and `…` for a wider gap.
 */
import type { Condition, ScorecardDefinition } from './scorecard.ts';

export const DEFAULT_SCORECARD_CODE = 'default';
export const DEFAULT_SCORECARD_NAME = '标准服务质检(服务指南 §1.4 §2.4 §3.1 §3.2)';

export const DEFAULT_ITEM_CODES = [
  'greeting_agent_id',
  'confirm_satisfaction',
  'closing_phrase',
  'forbidden_words',
  'apology_empathy',
  'no_sensitive_request',
  'no_full_number',
  'no_unauthorised_promise',
  'timely_reply',
] as const;

/**
 * 禁语: what the bank's agents must never say, with the ways people say it. `…` lets a few words in
 * between (不归咱们部门管, 前面都跟您讲过了); the insertable characters of text.ts are allowed anyway.
 */
export const FORBIDDEN_PHRASES = [
  // 不知道: ignorance as an answer
  '不知道',
  '不清楚',
  '不晓得',
  '说不好',
  '说不准',
  '说不上来',
  '我哪知道',
  '我怎么知道',
  '我咋知道',
  '我怎么会知道',
  '我哪晓得',
  // 没办法: a refusal without a way forward
  '没办法',
  '没有办法',
  '没有任何办法',
  '没辙',
  '没法子',
  '没招',
  '没法帮',
  '没办法帮',
  '帮不了您',
  '帮不了你',
  '我这边没法',
  '我们这边没法',
  '我也没法',
  '无能为力',
  '爱莫能助',
  '办不了就是办不了',
  '回答不了',
  // 你自己去查: sending the customer away to find out alone
  '自己去…查',
  '自己去…看',
  '自己…查去',
  '自己…看去',
  '自己看…去',
  '自己查去',
  '自己上网',
  '自己网上查',
  '自己上官网',
  '自个儿',
  '自己看着办',
  '您看着办',
  '你看着办',
  '您问别人',
  '你问别人',
  '问别人去',
  '你找别人',
  '找别人去',
  '你问我我问谁',
  '问商户去',
  // 我已经说过了: impatience at repeating
  '已经说过了',
  '刚才说过了',
  '已经…说过了',
  '刚才…说过了',
  '前面…说过了',
  '之前…说过了',
  '前面…讲过了',
  '刚才…讲过了',
  '已经…讲过了',
  '之前…讲过了',
  '已经…告诉过您',
  '已经…告诉过你',
  '不是…发给您了',
  '不是跟您说了',
  '不是跟你说了',
  '不是说了',
  '不是告诉您了',
  '我都说了',
  '跟你说了',
  '说了好几遍',
  '说了多少遍',
  '说过多少遍',
  '说了几遍',
  '说了多少次',
  '说了…遍',
  '讲了…遍',
  '说了…次了',
  '重复多少遍',
  '重复…多少遍',
  '重复了…遍',
  // 听不懂吗: blaming the customer's understanding
  '听不懂',
  '听不明白',
  '听明白没有',
  '听懂没有',
  '听懂了没',
  '听明白了没',
  '听不进去',
  '怎么就是不明白',
  '怎么就不明白',
  '怎么还不明白',
  '还不明白吗',
  '理解不了吗',
  // 随便你 / 爱办不办: indifference
  '随便你',
  '随便您',
  '随你便',
  '随您便',
  '随你',
  '随您',
  '爱办不办',
  '爱…不…随你',
  '办不办随你',
  '爱怎么…就怎么',
  '不办就算了',
  '不办拉倒',
  '要不办…算了',
  '想怎么样就怎么样',
  // 那您去投诉吧: daring the customer to complain
  '那您…去投诉',
  '那你…去投诉',
  '要投诉就…投诉',
  '爱投诉',
  '投诉…没用',
  '投诉去',
  '尽管投诉',
  '随便…投诉',
  '有本事…投诉',
  '你去投诉',
  // other brush-offs
  '早干嘛去了',
  '早干什么去了',
  '你烦不烦',
  '有完没完',
  '急什么',
  '你急也没用',
  '没有为什么',
  '这是规定就这样',
  '规定就是这样',
];

/**
 * 不归我管: the matter is someone else's. Said while transferring the customer politely (guide §3.4), it
 * is a referral, not a brush-off (see FORBIDDEN_SCOPE_TRANSFER).
 */
export const FORBIDDEN_SCOPE_PHRASES = [
  '不归…管',
  '不是我管的',
  '不是我们管的',
  '不是我负责',
  '不是我们负责',
  '不是我们部门负责',
  '不是我这边…负责',
  '不是我们这边…负责',
  '不是咱们这边…负责',
  '不是我这边…管',
  '不是我们这边…管',
  '不是咱们这边…管',
  '不是我们…能管',
  '管不了',
  '管不着',
  '不关我',
  '不关我们',
  '跟我没关系',
  '跟我们…没关系',
  '和我们…没关系',
  '跟咱们…没关系',
  '跟客服没关系',
  '与我无关',
  '与我们无关',
  '我处理不了',
  '我们处理不了',
  '这边处理不了',
  '我解决不了',
  '我们解决不了',
  '这边解决不了',
  '我办不了',
  '我们办不了',
  '这边办不了',
  '这不是我的事',
  '不是我们的事',
];

/** A referral in the same turn: the scope phrase is then a polite transfer. */
export const FORBIDDEN_SCOPE_TRANSFER = [
  '帮您转接',
  '为您转接',
  '给您转接',
  '帮您转到',
  '给您转到',
  '为您转到',
  '转接到',
  '转接至',
  '帮您转给',
  '转给…专员',
  '帮您联系…部门',
  '请您拨打',
];

/** Polite and harmless uses of the same words: 不知道您是否方便, 如果您不清楚…, 您不知道也没关系, 办法是…. */
export const FORBIDDEN_EXCEPTIONS = [
  '您不知道',
  '你不知道',
  '如果不知道',
  '如果不清楚',
  '不知道您是否',
  '不知道您方便',
  '不知道您现在',
  '不知道您能',
  '不知道您可',
  '不知道您有没有',
  '不知道您还',
  '不知道您…吗',
  '不知道是否',
  '不知道能否',
  '不知道方不方便',
  '不知道有没有',
  '不知道…是否',
  '不知道…方便',
  '不知道…能否',
  '不知道…可不可以',
  '不清楚的地方',
  '不清楚的话',
  '哪里不清楚',
  '有不清楚',
  '有…不清楚',
  '不知道的话',
  '您不清楚',
  '你不清楚',
  '得不…清楚',
  '看不清',
  '没办法接听',
  '没法保证',
  '没办法保证',
  '没法承诺',
  '没办法承诺',
  '您没办法',
  '您…没法',
  '自己看一下',
  '自己查看',
  '可以自己',
  '可以…自己',
  '听不清',
  '可以自己去查',
  '有…听不',
  '哪里听不',
  '如果…听不',
  '听不懂的',
  '听不明白的',
  '说过的',
  '讲过的',
  '随您方便',
  '随你方便',
  '随您心意',
  '随您选择',
  '随您挑',
  '随您安排',
  '随你安排',
  '随您决定',
  '随您的',
  '随你的',
  '您不是说',
  '你不是说',
  '急什么时候',
  '信号不',
];

const speaker = (r: 'agent' | 'customer'): Condition => ({ op: 'speaker', speaker: r });

/**
 * A customer complaining or upset — angry, panicking, crying or sarcastic: the contact's classification,
 * the words, or the NLU's anger.
 */
export const UPSET_WORDS = [
  '投诉',
  '举报',
  '曝光',
  '不满',
  '太差',
  '太烂',
  '什么态度',
  '什么服务',
  '生气',
  '气死',
  '受够',
  '受不了',
  '骗子',
  '坑人',
  '坑钱',
  '乱扣',
  '乱收费',
  '凭什么',
  '凭啥',
  '太过分',
  '很失望',
  '太失望',
  '找你们领导',
  '找你们经理',
  '银保监',
  '金融监管',
  '12378',
  '一直没人处理',
  '没人管',
  '没人处理',
  '没人给我解决',
  '还没解决',
  '每次都说',
  '第几次了',
  '好几次了',
  '多少次了',
  '打了…次电话',
  '什么破',
  '破银行',
  '垃圾',
  '离谱',
  '无语',
  '欺负人',
  '不讲理',
  // panic, tears, sarcasm
  '急死',
  '吓死',
  '慌死',
  '要急疯',
  '快哭',
  '要哭',
  '哭了',
  '崩溃',
  '呵呵',
  '可真厉害',
  '真是厉害',
  '可真行',
  '真有你们的',
  // second batch: exasperation, blame, being passed around, feeling cheated or lost
  '怎么搞的',
  '搞什么',
  '你们到底',
  '到底想',
  '到底有没有',
  '到底能不能',
  '想怎样',
  '莫名其妙',
  '平白无故',
  '一声不吭',
  '不近人情',
  '不像话',
  '不负责',
  '不讲道理',
  '讲不讲理',
  '踢皮球',
  '推来推去',
  '推卸',
  '糊弄',
  '忽悠',
  '敷衍',
  '耍我',
  '骗人',
  '霸王条款',
  '抢钱',
  '黑心',
  '被坑',
  '坑我',
  '让人失望',
  '过分了',
  '气愤',
  '火大',
  '恼火',
  '窝火',
  '气人',
  '烦死',
  '闹心',
  '糟心',
  '憋屈',
  '寒心',
  '心寒',
  '真是服了',
  '我服了',
  '服了你们',
  '逼死',
  '快疯',
  '要疯',
  '疯了',
  '懵了',
  '是懵的',
  '都懵',
  '老出问题',
  '总出问题',
  '又扣',
  '讨个说法',
  '要个说法',
  '给个说法',
  '给我个说法',
  '还我钱',
  '跟屎',
  '给个理由',
  '不给理由',
  '消协',
  '12315',
  '人民银行',
];

/** Thanks and praise: a turn saying them is not read as upset on the NLU's word alone. */
export const PRAISE_WORDS = ['谢谢', '感谢', '多谢', '表扬', '挺快', '很快', '满意', '不错', '挺好', '辛苦了', '给力', '点赞'];

const UPSET_CUSTOMER: Condition = {
  op: 'and',
  all: [
    speaker('customer'),
    {
      op: 'or',
      any: [
        { op: 'keyword', mode: 'any', words: UPSET_WORDS },
        {
          op: 'and',
          all: [
            {
              op: 'or',
              any: [
                { op: 'intent', types: ['complaint'], minConfidence: 0.6 },
                { op: 'emotion', min: 'elevated', kind: 'anger' },
              ],
            },
            // The NLU's guess yields to thanks or praise in the same turn (上次你们处理得挺快的，谢谢啊).
            { op: 'not', cond: { op: 'keyword', mode: 'any', words: PRAISE_WORDS } },
          ],
        },
      ],
    },
  ],
};

/** An apology for the problem or an acknowledgement of the customer's feeling (guide §3.2). */
export const APOLOGY_WORDS = [
  '抱歉',
  '对不起',
  '对不住',
  '不好意思',
  '很遗憾',
  '致歉',
  '道歉',
  '给您带来…不便',
  '给您带来…困扰',
  '给您造成',
  '添麻烦',
  '让您久等',
  '让您…等',
  '让您…担心',
  '让您…着急',
  '让您…受累',
  '让您…折腾',
  '让您…跑',
  '折腾…了',
  '委屈您',
  '理解您',
  '理解…心情',
  '理解…感受',
  '理解…着急',
  '理解…不满',
  '非常理解',
  '能理解',
  '我理解',
  '能体会',
  '感同身受',
  '心情…理解',
  '明白您的心情',
  '明白您的感受',
  '明白您…着急',
  '您的心情我',
  '别着急',
  '不要着急',
  '先别急',
  '别慌',
  '不要慌',
  '别担心',
  '不用担心',
  '不要担心',
  '请您消消气',
  '消消气',
  '辛苦您',
  '辛苦了',
  '换作是我',
  '换做是我',
  '换成是我',
  '换成谁',
  '换了谁',
  '换谁',
  '谁遇到…都',
  '谁碰到…都',
  '确实…让人',
  '确实…着急',
  '确实…耽误',
  '确实…麻烦',
  '确实…闹心',
  '确实…不方便',
  '确实太',
  // second batch: more ways of saying sorry and of naming the feeling
  '道个歉',
  '赔个不是',
  '赔不是',
  '歉意',
  '过意不去',
  '包涵',
  '见谅',
  '请您原谅',
  '给您带来…不愉快',
  '给您带来…麻烦',
  '让您…失望',
  '让您…委屈',
  '受委屈了',
  '耽误您',
  '我们的疏忽',
  '我们的失误',
  '我们做得不',
  '我们没做好',
  '工作没做好',
  '明白您…心情',
  '明白您…生气',
  '明白您…难受',
  '明白您…担心',
  '很理解',
  '完全理解',
  '特别理解',
  '十分理解',
  '真的理解',
  '换了我',
  '换作谁',
  '换做谁',
  '搁谁',
  '谁都会',
  '将心比心',
  '谁都…着急',
  '烦心',
  '换位思考',
];

/** 不好意思 / 抱歉 for not hearing or as a polite opener is no apology for the problem. */
export const APOLOGY_EXCEPTIONS = [
  '不好意思…没听清',
  '不好意思…听不清',
  '不好意思…刚才说',
  '不好意思…说什么',
  '不好意思…再说',
  '不好意思…打扰',
  '不好意思…信号',
  '不好意思请问',
  '抱歉…没听清',
  '抱歉…听不清',
  '抱歉…再说一',
  '抱歉…打扰',
  // a polite opener before a request is no apology for the problem
  '不好意思请',
  '不好意思麻烦',
  '不好意思您稍等',
  '不好意思稍等',
  '抱歉请稍等',
  '抱歉请您稍等',
  '抱歉稍等',
  '不好意思您说',
  '不好意思您报',
  '不好意思您提供',
  '不好意思您告诉',
  '不好意思您确认',
  '不好意思您核对',
  '抱歉您说',
  // asking the customer to understand is not understanding the customer; understanding what was said neither
  '希望您…理解',
  '请您…理解',
  '还请…理解',
  '您能理解',
  '您理解一下',
  '理解您的意思',
  '理解您说的',
  '理解您是',
  '理解您要',
  '理解的是',
  '理解错',
];

/**
 * What must never be asked for (guide §1.4): the CVV2 however it is described (安全码, 卡背面/背后/反面的三位数,
 * 签名条上的数字), a PIN or password, an SMS or dynamic code (验证码, 收到的六位数字, 短信里那串数字).
 */
const SENSITIVE_OBJECT =
  '(?:cvv2?|cvc2?|cvn2?|安全码|校验码|(?:卡片?|卡的)?(?:背面|背后|反面)[^]{0,8}?(?:最?后|末)?(?:三|3)(?:位|个)(?:数字|数|号码|码)?|(?:卡片?|卡的)?(?:背面|背后|反面)(?:的)?(?:数字|号码)|签名(?:条|栏)[^]{0,8}?(?:数字|数|号码|码)|有效期(?:后面|旁边|后)[^]{0,4}?(?:三|3)(?:位|个)|(?:查询|交易|取款|取现|消费|支付|银行卡|卡片?|信用卡|网银|登录|六位|6位|新|原)?密码|pin码?|(?:短信|手机|动态)?验证码|动态码|动态密码|(?:收到|短信|手机上)[^]{0,8}?(?:(?:六|6|四|4)(?:位|个))?(?:数字|码)|短信里[^]{0,4}?(?:数字|码)|那串数字)';
/** Asking for it: a verb before it (告诉我…, 提供…, 核对…) or a request after it (…报一下, …是多少, …念给我). */
const ASK_VERB =
  '(?<!跟您|给您|和您|为您|向您|跟你|给你|我再|我来)(?:告诉我|告诉|报|说|念|读|提供|讲|核对|确认|回复|索要|发一下|发给我|发我|给我)';
const ASK_AFTER =
  '(?:(?:告诉|报|说|念|读|发|提供|讲|给)(?:一下|一遍|给我|给我们|我|过来|出来|下|念)|是多少|是什么|多少(?!次|位|天|钱|遍|个|秒|分钟)|是几(?!位|次)|核对一下|确认一下)';
/** Words that turn the mention into a warning (请勿向任何人透露…, 我们不会索要…), within the clause. */
const NEGATION =
  '(?:不要|请勿|切勿|勿|别|不会|不能|不可以|不可|不得|不用|无需|不需要|千万不要|绝不|从不|不应|谨防|防止|保管好|泄露|透露)';
const NEGATION_GAP = '(?:(?!然后|现在|接下来|麻烦|请您把|您把|你把|挂断)[^]){0,12}?';

/**
 * 保证 / 一定 / 肯定 and their stronger and softer forms (百分百, 打包票, 包在我身上, 放一百个心, 铁定, 一准, 我做主,
 * 给您个准话…). 一定要 / 肯定要 are advice or facts (一定要按时还款, 肯定要还的), 一定的 is "some" (一定的减免额度),
 * 保证金 is a deposit.
 */
const PROMISE_WORD =
  '(?:保证(?!金)|一定(?!要|的|程度|比例|范围|时间|期限|金额)|肯定(?!要)|绝对(?!要)|百分之?百|百分之一百|包您|包你|打个?包票|包票|铁定|准保|管保|保准|必定|一准|包在我(?:身上|这儿|这里|这)|放(?:一百|一千|一万|百|万)个心|(?:向|跟|给|和)(?:您|你)承诺|我做主|我说了算|给您个准话|(?:跟|和)领导说好了|已经说好了|打过招呼)';
/** Outcomes decided elsewhere: waivers, refunds, limits, reversals, credit records, approvals, collection. */
const PROMISE_OUTCOME_WORDS =
  '(?:减免|减了|减掉|减一半|减半|给您减|帮您减|免除|免掉|免了|全免|免收|给您免|不收|不会收|不扣|不会扣|退还|退回|退款|退给|退到|退钱|给您退|能退|会退|退了|返还|赔|追回|要回来|拿回来|提额|提高额度|调高|调上去|调回|提上去|提上来|(?:调|提|涨|升)到[\\d一二两三四五六七八九十百千万]|给您加上|涨额度|额度提|(?:能|给您|帮您)恢复|恢复(?:额度|原来的额度)|撤销|撤掉|撤回|取消|消除|消掉|删除|删掉|抹掉|清除|冲掉|冲回|冲销|处理干净|解封|解冻|延长|延期|(?:不会?|没有?)(?:算|记)(?:您|你)?(?:逾期|违约)|不会逾期|不会再?有?催收|停止催收|不再催收|(?:不会?|没有?)影响(?:您|你)?(?:以后|将来|今后)?(?:的)?(?:办|申请)?(?:房贷|车贷|贷款|信用|征信|记录)|(?:不会?影响|不上|不会上|不会留|不留|修复|消|删|抹|清)[^]{0,4}?征信|征信[^]{0,6}?(?:消|删|修复|抹|清|没事|没影响|不受影响|恢复|不会有|看不出|查不到|不显示|干净)|批下来|批准|能批|会批|批了|能过|会过|(?:能|会|可以|审核|审批)通过|办下来|下得来|能下卡|下卡)';
/** …unless it names the request rather than the outcome (减免的诉求, 退款申请, 减免政策). */
const PROMISE_OUTCOME = `${PROMISE_OUTCOME_WORDS}(?!的?(?:申请|诉求|政策|条件|规定|流程|标准|需求|进度))`;
/** What the agent commits to do (申请, 反馈, 跟进, 催…) or a hedge (但是, 能不能, 要看): not the outcome. */
const PROMISE_BLOCK =
  '(?:申请|反馈|反映|提交|转达|尝试|争取|尽量|尽力|帮您问|上报|登记|记录|跟进|核实|核查|查询|保管|回电|回复|联系|通知|官方|渠道|催|但是|不过|能不能|是否|要看|看看|看一下)';
/** The outcome named first, the guarantee after it (这个利息我给您免掉，我打包票; 提额十拿九稳). */
const PROMISE_AFTER =
  '(?:打个?包票|包票|包在我身上|放(?:一百|一千|一万|百|万)个心|包您|包你|我保证|跟您保证|百分之?百|铁定|十拿九稳|板上钉钉|(?:肯定|绝对|保证|一定)没问题|妥妥|没跑|跑不了)';
/** The agent granting it on the spot (我这边直接给您减掉一半, 违约金我给您退了, 年费我给您免了). */
const PROMISE_GRANT =
  '(?:我|我们)(?:这边|这里)?(?:直接|现在|马上|这就|就|做主|破例|特批)?(?:给您|替您|帮您|给你)(?:直接)?(?:把[^]{0,8}?|(?:(?!查|看|问|申请|提交|确认|核)[^]){0,4}?)(?:免(?:了|掉|除|[\\d一二两三四五六七八九十]+年)|全免|减掉|减了|减一半|减半|退了|退掉)(?!没|吗|么)';
/** 您放心 + it will happen (您放心，这笔钱我们会全额退到您卡上). */
const PROMISE_REASSURE = `放宽?心(?:(?!${PROMISE_BLOCK})[^]){0,12}?(?:会|能|都|就|给您|帮您|给你)(?:(?!${PROMISE_BLOCK})[^]){0,6}?${PROMISE_OUTCOME}`;
/**
 * Disclaimers and conditions: 不能保证, 没法跟您保证, 不敢打包票, 不一定; 符合条件的话…, 如果审核通过…, …以审核结果为准;
 * 原路退回 describes how a refund travels, not whether it comes.
 */
const PROMISE_NEGATED =
  '(?:不能|无法|没法|没办法|不敢|不好|不可能|难以|不一定|不保证|保证不了|不肯定|不是一定|不是|并不)(?:跟您|向您|给您|和您|跟你|给你)?(?:百分之?百)?(?:保证|一定|肯定|绝对|承诺|打个?包票)?|(?:符合|满足)[^]{0,4}?条件[^]*|(?:如果|若|假如|一旦|待|等)[^]{0,6}?(?:审核|审批|核实|调查|商户)[^]*|[^]*(?:以|按)(?:审核|审批|最终|银行|系统|实际)[^]{0,6}?为准|原路(?:退回|返回|退还|退)';

export function defaultScorecard(): ScorecardDefinition {
  return {
    passScore: 80,
    items: [
      {
        code: 'greeting_agent_id',
        title: '开场问候并报工号',
        weight: 10,
        severity: 'normal',
        speaker: 'agent',
        expect: 'present',
        condition: {
          op: 'and',
          all: [
            { op: 'position', speaker: 'agent', first: 1 },
            {
              op: 'regex',
              pattern:
                '(?:您好|你好|早上好|上午好|中午好|下午好|晚上好|欢迎致电|欢迎来电|欢迎咨询|很高兴为您服务|hello|hi)',
            },
            {
              op: 'regex',
              pattern:
                '(?:工号(?:是|为)?\\d{2,8}|\\d{2,8}号(?:客服|坐席|专员|服务|为您)|(?:客服|坐席|专员)\\d{2,8}号?(?:为您|很高兴|竭诚)?|我是\\d{2,8}号?)',
            },
          ],
        },
      },
      {
        code: 'confirm_satisfaction',
        title: '结束前确认问题是否解决/是否有其他需要',
        weight: 15,
        severity: 'normal',
        speaker: 'agent',
        expect: 'present',
        condition: {
          op: 'and',
          all: [
            { op: 'position', speaker: 'agent', last: 3 },
            {
              op: 'regex',
              pattern:
                '(?:还有(?:什么|其他|其它|别的|啥)(?:问题|需要|业务|事情|疑问|地方|可以|能|要|吗)|(?:是否|请问)还(?:有|需要)|还需要(?:什么|其他|别的)?(?:帮助|帮忙|办理|咨询)|(?:问题|疑问)(?:是否|有没有|都)?(?:已经)?解决了?(?:吗|没|没有)|(?:是否|有没有)(?:已经)?(?:帮您)?解决|解决了吗|(?:您|你)?(?:还)?满意吗|是否满意|(?:听|说)?(?:清楚|明白)了?吗|(?:这样|如此)(?:可以|行)吗|还有其他需要|对我的解答满意|还有什么可以帮)',
            },
          ],
        },
      },
      {
        code: 'closing_phrase',
        title: '结束语(感谢/道别)',
        weight: 10,
        severity: 'normal',
        speaker: 'agent',
        expect: 'present',
        condition: {
          op: 'and',
          all: [
            { op: 'position', speaker: 'agent', last: 1 },
            {
              op: 'keyword',
              mode: 'any',
              words: [
                '感谢',
                '谢谢',
                '再见',
                '祝您',
                '生活愉快',
                '欢迎再次',
                '欢迎随时',
                '拜拜',
                '稍后再联系',
                '一路顺风',
              ],
            },
          ],
        },
      },
      {
        code: 'forbidden_words',
        title: '未使用服务禁语',
        weight: 15,
        severity: 'critical',
        speaker: 'agent',
        expect: 'absent',
        guard: true,
        condition: {
          op: 'or',
          any: [
            {
              op: 'and',
              all: [
                { op: 'keyword', mode: 'any', words: FORBIDDEN_SCOPE_PHRASES, except: FORBIDDEN_EXCEPTIONS },
                { op: 'not', cond: { op: 'keyword', mode: 'any', words: FORBIDDEN_SCOPE_TRANSFER } },
              ],
            },
            { op: 'keyword', mode: 'any', words: FORBIDDEN_PHRASES, except: FORBIDDEN_EXCEPTIONS },
            // 爱信不信, 爱听不听, 爱要不要: 爱 X 不 X
            { op: 'regex', pattern: '爱([\\u4e00-\\u9fff])不\\1' },
          ],
        },
      },
      {
        code: 'apology_empathy',
        title: '投诉或客户不满时致歉/共情',
        weight: 15,
        severity: 'normal',
        speaker: 'agent',
        expect: 'present',
        appliesWhen: { op: 'or', any: [{ op: 'complaint' }, UPSET_CUSTOMER] },
        // The apology answers the upset: it comes after the customer's upset turn (an opening 让您久等了 does
        // not answer a complaint made later), or anywhere in a contact classified as a complaint.
        condition: {
          op: 'and',
          all: [
            { op: 'keyword', mode: 'any', words: APOLOGY_WORDS, except: APOLOGY_EXCEPTIONS },
            { op: 'or', any: [{ op: 'complaint' }, { op: 'after', cond: UPSET_CUSTOMER }] },
          ],
        },
      },
      {
        code: 'no_sensitive_request',
        title: '未索要CVV2/完整密码/短信验证码',
        weight: 10,
        severity: 'fatal',
        speaker: 'agent',
        expect: 'absent',
        guard: true,
        condition: {
          op: 'regex',
          pattern: `(?:${ASK_VERB}[^]{0,10}?${SENSITIVE_OBJECT}|${SENSITIVE_OBJECT}[^]{0,8}?${ASK_AFTER})`,
          except: `${NEGATION}${NEGATION_GAP}${SENSITIVE_OBJECT}|${SENSITIVE_OBJECT}[^]{0,6}?(?:不要|请勿|切勿|勿|别|不会|不能|不可|千万|务必保管|注意保管|保密)|(?:键盘|按键|语音|提示音|自助|系统|手机银行|app|页面|界面|链接|网页|小程序|屏幕)[^]{0,10}?${SENSITIVE_OBJECT}|(?:发您|给您发|发给您|发送|下发|已发|发到)[^]{0,8}?${SENSITIVE_OBJECT}|(?:重置|修改|设置|挂失|锁定|忘记|错误|解锁)[^]{0,4}?${SENSITIVE_OBJECT}|${SENSITIVE_OBJECT}(?:的)?(?:重置|修改|设置|挂失|锁定|解锁|找回|规则|流程|错误|输错|位数|格式|用途|作用)`,
        },
      },
      {
        code: 'no_full_number',
        title: '未完整说出/写出卡号或身份证号',
        weight: 10,
        severity: 'fatal',
        speaker: 'agent',
        expect: 'absent',
        guard: true,
        condition: { op: 'full_number', kinds: ['card', 'id'] },
      },
      {
        code: 'no_unauthorised_promise',
        title: '未作超权限承诺',
        weight: 10,
        severity: 'critical',
        speaker: 'agent',
        expect: 'absent',
        guard: true,
        condition: {
          op: 'regex',
          pattern: `${PROMISE_WORD}(?:(?!${PROMISE_BLOCK})[^]){0,20}?${PROMISE_OUTCOME}|${PROMISE_OUTCOME}(?:(?!${PROMISE_BLOCK})[^]){0,8}?${PROMISE_AFTER}(?![^]{0,6}?${PROMISE_BLOCK})|${PROMISE_GRANT}|${PROMISE_REASSURE}`,
          except: PROMISE_NEGATED,
          sentence: true,
        },
      },
      {
        code: 'timely_reply',
        title: '在线客服60秒内回复',
        weight: 5,
        severity: 'normal',
        speaker: 'customer',
        expect: 'absent',
        appliesWhen: { op: 'and', all: [{ op: 'channel', channel: 'chat' }, { op: 'timed' }] },
        condition: { op: 'reply_gap', overSeconds: 60 },
      },
    ],
  };
}
