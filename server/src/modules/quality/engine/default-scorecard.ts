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

/** 禁语: what the bank's agents must never say, with the ways people say it. */
export const FORBIDDEN_PHRASES = [
  '不知道',
  '不清楚',
  '不晓得',
  '不归我管',
  '不是我管的',
  '不是我们管的',
  '不关我的事',
  '不关我事',
  '与我无关',
  '跟我没关系',
  '不是我负责',
  '不是我们负责',
  '这不是我的事',
  '没办法',
  '没辙',
  '办不了就是办不了',
  '你自己去查',
  '你自己查',
  '自己去查',
  '自己看',
  '自己上网查',
  '我已经说过了',
  '我刚才说过了',
  '已经说过',
  '刚才说过',
  '我都说了',
  '说过多少遍',
  '说了多少遍',
  '跟你说了',
  '听不懂吗',
  '听不明白吗',
  '听懂了没有',
  '你听不懂',
  '你怎么听不懂',
  '随便你',
  '随你便',
  '随你',
  '爱办不办',
  '爱…不…随你',
  '办不办随你',
  '你问我我问谁',
  '找别人去',
  '你找别人',
  '我也没办法',
  '早干嘛去了',
  '你烦不烦',
  '有完没完',
  '急什么',
  '你急也没用',
  '这是规定就这样',
  '投诉也没用',
  '你去投诉吧',
  '爱投诉就投诉',
];

/** Polite and harmless uses of the same words: 不知道您是否方便, 如果您不清楚…, 您不知道也没关系. */
export const FORBIDDEN_EXCEPTIONS = [
  '您不知道',
  '你不知道',
  '如果不知道',
  '如果不清楚',
  '不知道您',
  '不知道是否',
  '不知道能否',
  '不知道方不方便',
  '不知道有没有',
  '不清楚的地方',
  '不清楚的话',
  '哪里不清楚',
  '有不清楚',
  '不知道的话',
  '您不清楚',
  '你不清楚',
  '没办法接听',
  '您没办法',
  '自己看一下账单',
  '您自己看',
  '可以自己看',
  '听不清',
  '可以自己去查',
];

const role = (r: 'agent' | 'customer'): Condition => ({ op: 'role', role: r });

/** A customer complaining or upset: the contact's classification, the words, or the NLU. */
const UPSET_CUSTOMER: Condition = {
  op: 'and',
  all: [
    role('customer'),
    {
      op: 'or',
      any: [
        {
          op: 'keyword',
          mode: 'any',
          words: [
            '投诉',
            '举报',
            '曝光',
            '不满',
            '太差',
            '什么态度',
            '生气',
            '气死',
            '受够',
            '骗子',
            '坑人',
            '乱扣',
            '乱收费',
            '凭什么',
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
          ],
        },
        { op: 'intent', types: ['complaint'], minConfidence: 0.6 },
        // Anger: a frightened caller (lost card, fraud) needs speed first (guide §3.3), not an apology.
        { op: 'emotion', min: 'elevated', kind: 'anger' },
      ],
    },
  ],
};

const SENSITIVE_OBJECT =
  '(?:cvv2?|cvc2?|cvn2?|安全码|校验码|卡背面?(?:的)?(?:最?后)?(?:三|3)位(?:数字|数|号码|码)?|背面(?:的)?(?:最?后)?(?:三|3)位(?:数字|数|号码|码)?|背面(?:的)?(?:数字|号码)|(?:查询|交易|取款|取现|消费|支付|银行卡|卡片?|信用卡|网银|登录)?密码|pin码?|(?:短信|手机|动态)?验证码|动态码|动态密码)';
const ASK_VERB = '(?:告诉|报|说|念|读|提供|发|给|讲|输入|填|核对|确认|打|回复|索要)';
const NEGATION =
  '(?:不要|请勿|切勿|勿|别|不会|不能|不可以|不可|不得|不用|无需|不需要|千万不要|绝不|从不|不应|谨防|防止|保管好|泄露|透露)';

export function defaultScorecard(): ScorecardDefinition {
  return {
    passScore: 80,
    items: [
      {
        code: 'greeting_agent_id',
        title: '开场问候并报工号',
        weight: 10,
        severity: 'normal',
        role: 'agent',
        expect: 'present',
        condition: {
          op: 'and',
          all: [
            { op: 'position', role: 'agent', first: 1 },
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
        role: 'agent',
        expect: 'present',
        condition: {
          op: 'and',
          all: [
            { op: 'position', role: 'agent', last: 3 },
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
        role: 'agent',
        expect: 'present',
        condition: {
          op: 'and',
          all: [
            { op: 'position', role: 'agent', last: 1 },
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
        role: 'agent',
        expect: 'absent',
        guard: true,
        condition: { op: 'keyword', mode: 'any', words: FORBIDDEN_PHRASES, except: FORBIDDEN_EXCEPTIONS },
      },
      {
        code: 'apology_empathy',
        title: '投诉或客户不满时致歉/共情',
        weight: 15,
        severity: 'normal',
        role: 'agent',
        expect: 'present',
        appliesWhen: { op: 'or', any: [{ op: 'complaint' }, UPSET_CUSTOMER] },
        condition: {
          op: 'keyword',
          mode: 'any',
          words: [
            '抱歉',
            '对不起',
            '不好意思',
            '很遗憾',
            '致歉',
            '道歉',
            '给您带来…不便',
            '给您带来…困扰',
            '给您添麻烦',
            '让您久等',
            '理解您的心情',
            '理解您的感受',
            '理解您',
            '非常理解',
            '能理解',
            '我理解',
            '体谅',
            '您先别着急',
            '您别着急',
            '请您消消气',
            '您的心情我',
            '辛苦您',
            '换作是我',
          ],
        },
      },
      {
        code: 'no_sensitive_request',
        title: '未索要CVV2/完整密码/短信验证码',
        weight: 10,
        severity: 'fatal',
        role: 'agent',
        expect: 'absent',
        guard: true,
        condition: {
          op: 'regex',
          pattern: `(?:${ASK_VERB}[^]{0,10}?${SENSITIVE_OBJECT}|${SENSITIVE_OBJECT}[^]{0,8}?(?:是多少|是什么|多少|是几|告诉我|报一下|说一下|念一下|读一下|发给我|发我|给我|报给我|说给我|提供一下|核对一下|确认一下))`,
          except: `${NEGATION}[^]{0,12}?${SENSITIVE_OBJECT}|${SENSITIVE_OBJECT}[^]{0,6}?(?:不要|请勿|切勿|勿|不会|不能|不可|千万|务必保管|注意保管|保密)|(?:键盘|按键|语音|提示音|自助|系统|手机银行|app|页面|界面|链接|网页|小程序|屏幕)[^]{0,10}?${SENSITIVE_OBJECT}|(?:发您|给您发|发给您|发送|下发|已发|发到)[^]{0,8}?${SENSITIVE_OBJECT}|(?:重置|修改|设置|挂失|锁定|忘记|错误|解锁)[^]{0,4}?${SENSITIVE_OBJECT}`,
        },
      },
      {
        code: 'no_full_number',
        title: '未完整说出/写出卡号或身份证号',
        weight: 10,
        severity: 'fatal',
        role: 'agent',
        expect: 'absent',
        guard: true,
        condition: { op: 'full_number', kinds: ['card', 'id'] },
      },
      {
        code: 'no_unauthorised_promise',
        title: '未作超权限承诺',
        weight: 10,
        severity: 'critical',
        role: 'agent',
        expect: 'absent',
        guard: true,
        condition: {
          op: 'regex',
          pattern:
            '(?:保证|一定|肯定|绝对|百分之百|包您|包你|打包票)(?:(?!申请|反馈|提交|转达|尝试|争取|尽量|尽力|帮您问|上报|登记|记录|跟进|核实|核查|查询)[^]){0,8}?(?:减免|免除|免掉|免了|不收|退还|退回|退款|退给|退钱|给您退|能退|会退|返还|提额|提高额度|调高额度|涨额度|额度提|撤销|撤掉|消除|删除|征信|批下来|批准|能批|会批|(?:审批|审核)通过|办下来|给您免)',
          except:
            '(?:不能|无法|没法|没办法|不敢|不好|不可能|难以|不一定|不保证|保证不了|不肯定|不是一定|并不)(?:百分之百)?(?:保证|一定|肯定|绝对)?',
        },
      },
      {
        code: 'timely_reply',
        title: '在线客服60秒内回复',
        weight: 5,
        severity: 'normal',
        role: 'customer',
        expect: 'absent',
        appliesWhen: { op: 'and', all: [{ op: 'channel', channel: 'chat' }, { op: 'timed' }] },
        condition: { op: 'reply_gap', overSeconds: 60 },
      },
    ],
  };
}
