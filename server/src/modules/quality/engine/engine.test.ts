import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idCheckChar, luhnCheckDigit } from '../../../platform/pii/validators.ts';
import { DEFAULT_ITEM_CODES, defaultScorecard } from './default-scorecard.ts';
import { compileScorecard, type Finding, inspect, type Transcript, type TranscriptTurn } from './engine.ts';
import { guardDraft } from './guard.ts';
import { scorecardSchema } from './scorecard.ts';
import { matchText } from './text.ts';

const scorecard = compileScorecard(scorecardSchema.parse(defaultScorecard()));

const agent = (text: string, at?: string): TranscriptTurn => ({ speaker: 'agent', text, ...(at ? { at } : {}) });
const customer = (text: string, at?: string): TranscriptTurn => ({ speaker: 'customer', text, ...(at ? { at } : {}) });

/** A clean phone call; tests put one agent line in the middle. */
function call(middle: string, extra: Partial<Transcript> = {}): Transcript {
  return {
    id: 'c',
    channel: 'phone',
    turns: [
      agent('您好,8001号客服很高兴为您服务,请问有什么可以帮您?'),
      customer('我想查一下这个月的账单'),
      agent(middle),
      agent('请问还有其他可以帮您的吗?'),
      customer('没有了'),
      agent('感谢您的来电,祝您生活愉快,再见!'),
    ],
    ...extra,
  };
}

const finding = (t: Transcript, code: string): Finding => {
  const f = inspect(scorecard, t).findings.find((x) => x.item === code);
  assert.ok(f, code);
  return f;
};

describe('quality engine: the default scorecard', () => {
  it('has exactly the public item codes', () => {
    assert.deepEqual(
      defaultScorecard().items.map((i) => i.code),
      [...DEFAULT_ITEM_CODES],
    );
  });

  it('passes a clean call with 100 and reports n/a for what does not apply', () => {
    const r = inspect(scorecard, call('您本月账单金额为1,200元,最后还款日是11月25日。'));
    assert.equal(r.score, 100);
    assert.equal(r.passed, true);
    assert.equal(r.fatal, false);
    const byCode = Object.fromEntries(r.findings.map((f) => [f.item, f.result]));
    assert.equal(byCode.apology_empathy, 'n/a', 'no complaint');
    assert.equal(byCode.timely_reply, 'n/a', 'a phone call');
    assert.equal(byCode.greeting_agent_id, 'pass');
    assert.equal(r.findings.find((f) => f.item === 'greeting_agent_id')?.turn, 0);
  });

  for (const said of [
    '这个我不知道',
    '这个我也不太知道',
    '不…嗯…知道',
    '这个不 归 我 管',
    '这不是我们管的',
    '不歸我管',
    '我也没有办法',
    '没什么办法',
    '你自己去查吧',
    '我已经说过了',
    '你听不懂吗',
    '随便你',
    '爱办不办',
    '我刚才都已经说过了',
  ]) {
    it(`forbidden phrase as people say it: ${said}`, () => {
      const f = finding(call(said), 'forbidden_words');
      assert.equal(f.result, 'fail');
      assert.equal(f.turn, 2);
      assert.ok(f.evidence.length > 0 && said.includes(f.evidence[0] as string), f.evidence);
    });
  }

  for (const said of [
    '不知道您现在方便核对一下信息吗?',
    '如果您不清楚账单日,可以看短信',
    '我这边听不清楚,请您大声一点',
    '您可以通过手机银行查看账单',
  ]) {
    it(`polite use of the same words is no forbidden phrase: ${said}`, () => {
      assert.equal(finding(call(said), 'forbidden_words').result, 'pass');
    });
  }

  it('a failed critical item fails the contact even above the pass mark', () => {
    const r = inspect(scorecard, call('这个不归我管'));
    assert.ok(r.score >= 80);
    assert.equal(r.passed, false);
    assert.equal(r.fatal, false);
  });

  for (const said of [
    '请告诉我您卡背面的三位数字',
    '您的CVV2是多少?',
    '麻烦您把收到的短信验证码报一下',
    '请问您的查询密码是多少',
    '您把验证码发给我',
  ]) {
    it(`asking for authentication data is fatal: ${said}`, () => {
      const r = inspect(scorecard, call(said));
      assert.equal(r.findings.find((f) => f.item === 'no_sensitive_request')?.result, 'fail');
      assert.equal(r.score, 0);
      assert.equal(r.fatal, true);
      assert.equal(r.passed, false);
    });
  }

  for (const said of [
    '验证码请您自己保管好,银行任何时候都不会向您要密码',
    '我已经给您发送了验证码,请在页面上输入',
    '您可以在手机银行重置查询密码',
  ]) {
    it(`warning about authentication data is no request: ${said}`, () => {
      assert.equal(finding(call(said), 'no_sensitive_request').result, 'pass');
    });
  }

  const pan = `622202123456789012${luhnCheckDigit('622202123456789012')}`;
  const spoken = [...pan].map((d) => '零一二三四五六七八九'[Number(d)]).join('');
  const id = `11010519491231002${idCheckChar('11010519491231002')}`;
  for (const said of [
    `您的卡号是${pan}对吗`,
    `卡号 ${pan.slice(0, 4)} ${pan.slice(4, 8)} ${pan.slice(8, 12)} ${pan.slice(12, 16)} ${pan.slice(16)}`,
    `卡号${spoken.slice(0, 4)},嗯,${spoken.slice(4, 10)} ${spoken.slice(10)}`,
    `身份证号${id}`,
    `身份证 ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`,
  ]) {
    it(`a full number written or read out is fatal: ${said}`, () => {
      const f = finding(call(said), 'no_full_number');
      assert.equal(f.result, 'fail');
      assert.equal(f.turn, 2);
    });
  }

  for (const said of ['您尾号1234的卡', '卡号6222 **** **** 0128', '您的还款金额是12345元', '手机号13800138000']) {
    it(`no full number in: ${said}`, () => {
      assert.equal(finding(call(said), 'no_full_number').result, 'pass');
    });
  }

  for (const said of ['我保证给您减免这笔年费', '您放心,肯定能给您退回来', '一定帮您提额', '这笔一定可以撤销的']) {
    it(`an unauthorised promise: ${said}`, () => {
      assert.equal(finding(call(said), 'no_unauthorised_promise').result, 'fail');
    });
  }

  for (const said of ['我不能保证一定减免,会帮您提交申请', '一定帮您反馈减免的诉求', '减免需要审批,结果会短信通知您']) {
    it(`no promise in: ${said}`, () => {
      assert.equal(finding(call(said), 'no_unauthorised_promise').result, 'pass');
    });
  }

  it('greeting without the agent ID fails and points at the first agent turn', () => {
    const t = call('好的');
    t.turns[0] = agent('您好,请问有什么可以帮您?');
    const f = finding(t, 'greeting_agent_id');
    assert.equal(f.result, 'fail');
    assert.equal(f.turn, 0);
  });

  it('a spoken agent ID counts', () => {
    const t = call('好的');
    t.turns[0] = agent('您好,工号八零零一为您服务');
    assert.equal(finding(t, 'greeting_agent_id').result, 'pass');
  });

  it('no confirmation before closing fails; no closing words fails at the last agent turn', () => {
    const t: Transcript = {
      id: 'x',
      channel: 'phone',
      turns: [agent('您好,8001号客服为您服务'), customer('查账单'), agent('您的账单已发送到您的邮箱')],
    };
    assert.equal(finding(t, 'confirm_satisfaction').result, 'fail');
    const closing = finding(t, 'closing_phrase');
    assert.equal(closing.result, 'fail');
    assert.equal(closing.turn, 2);
  });

  it('apology applies to a complaint, by words or by the contact classification', () => {
    const upset = call('我们会核实');
    upset.turns[1] = customer('你们乱收费,我要投诉!');
    assert.equal(finding(upset, 'apology_empathy').result, 'fail');
    upset.turns[2] = agent('非常抱歉给您带来不便,我们会核实');
    const ok = finding(upset, 'apology_empathy');
    assert.equal(ok.result, 'pass');
    assert.equal(ok.turn, 2);
    assert.equal(finding(call('我们会核实', { complaint: true }), 'apology_empathy').result, 'fail');
  });

  it('timely reply: chat with timestamps only; a gap over 60 s fails on the customer turn', () => {
    const chat = (gap: number): Transcript => ({
      id: 'chat',
      channel: 'chat',
      turns: [
        agent('您好,8001号客服为您服务', '2026-11-02T02:00:00Z'),
        customer('我的卡被冻结了', '2026-11-02T02:00:10Z'),
        agent('我来帮您查看', new Date(Date.parse('2026-11-02T02:00:10Z') + gap * 1000).toISOString()),
      ],
    });
    assert.equal(finding(chat(30), 'timely_reply').result, 'pass');
    const late = finding(chat(95), 'timely_reply');
    assert.equal(late.result, 'fail');
    assert.equal(late.turn, 1);
    const untimed = chat(95);
    untimed.turns = untimed.turns.map(({ speaker, text }) => ({ speaker, text }));
    assert.equal(finding(untimed, 'timely_reply').result, 'n/a');
  });

  it('timely reply: the wait in the queue or with the assistant before the agent joined is not the agent’s', () => {
    const at = (s: number) => new Date(Date.parse('2026-11-02T02:00:00Z') + s * 1000).toISOString();
    const handedOver: Transcript = {
      id: 'handed-over',
      channel: 'chat',
      turns: [
        customer('帮我找个人工', at(0)),
        { speaker: 'system', text: '正在为您转接人工客服,请稍候', at: at(1) },
        customer('还要等多久', at(30)),
        agent('您好,8001号客服为您服务', at(300)),
        customer('我想查一下账单', at(310)),
        agent('好的,请问还有其他问题吗', at(330)),
      ],
    };
    assert.equal(finding(handedOver, 'timely_reply').result, 'pass');
    const slow = { ...handedOver, turns: [...handedOver.turns.slice(0, 5), agent('好的', at(400))] };
    assert.equal(finding(slow, 'timely_reply').turn, 4, 'a customer turn after the agent joined still counts');
  });

  it('an inspection without agent turns reports agent items as n/a', () => {
    const r = inspect(scorecard, { id: 'e', channel: 'chat', turns: [customer('在吗')] });
    assert.equal(r.findings.find((f) => f.item === 'greeting_agent_id')?.result, 'n/a');
    assert.equal(r.score, 100);
  });
});

describe('quality engine: operators', () => {
  const card = (condition: unknown, extra: Record<string, unknown> = {}) =>
    compileScorecard(
      scorecardSchema.parse({
        passScore: 80,
        items: [
          {
            code: 'xx',
            title: 'x',
            weight: 10,
            severity: 'normal',
            speaker: 'agent',
            expect: 'present',
            condition,
            ...extra,
          },
        ],
      }),
    );
  const t: Transcript = {
    id: 'o',
    channel: 'phone',
    turns: [agent('您好'), customer('我要投诉你们'), agent('非常抱歉'), agent('再见')],
    events: [{ kind: 'data_read', level: 'none', note: 'customer.view' }],
  };
  const result = (condition: unknown, extra?: Record<string, unknown>) =>
    inspect(card(condition, extra), t).findings[0];

  it('regex within one sentence when asked', () => {
    const across = { op: 'regex', pattern: '抱歉[^]{0,20}?再见' };
    assert.equal(result(across)?.result, 'fail');
    const turns = [agent('您好'), customer('我要投诉你们'), agent('非常抱歉。我们再见'), agent('再见')];
    assert.equal(inspect(card(across), { ...t, turns }).findings[0]?.result, 'pass');
    assert.equal(inspect(card({ ...across, sentence: true }), { ...t, turns }).findings[0]?.result, 'fail');
  });

  it('keyword all / none, not, after / before', () => {
    assert.equal(result({ op: 'keyword', mode: 'all', words: ['非常', '抱歉'] })?.turn, 2);
    assert.equal(
      result({
        op: 'and',
        all: [
          { op: 'keyword', mode: 'none', words: ['您好'] },
          { op: 'not', cond: { op: 'keyword', mode: 'any', words: ['再见'] } },
        ],
      })?.turn,
      2,
    );
    const afterComplaint = { op: 'after', cond: { op: 'keyword', mode: 'any', words: ['投诉'] } };
    assert.equal(
      result({ op: 'and', all: [afterComplaint, { op: 'keyword', mode: 'any', words: ['抱歉'] }] })?.result,
      'pass',
    );
    assert.equal(
      result({ op: 'and', all: [afterComplaint, { op: 'keyword', mode: 'any', words: ['您好'] }] })?.result,
      'fail',
    );
    assert.equal(result({ op: 'before', cond: { op: 'speaker', speaker: 'customer' }, within: 1 })?.turn, 0);
  });

  it('similarity to reference sentences and the NLU', () => {
    assert.equal(result({ op: 'similar', refs: ['真的非常抱歉'], threshold: 0.4 })?.turn, 2);
    const r = inspect(card({ op: 'intent', types: ['complaint'], minConfidence: 0.3 }, { speaker: 'customer' }), t)
      .findings[0];
    assert.equal(r?.turn, 1);
  });

  it('contact events and n/a when an applicability condition does not hold', () => {
    const f = result({ op: 'event', kind: 'data_read', levelBelow: 'basic' });
    assert.equal(f?.result, 'pass');
    assert.match(f?.evidence ?? '', /customer\.view/);
    assert.equal(
      result({ op: 'speaker', speaker: 'agent' }, { appliesWhen: { op: 'channel', channel: 'chat' } })?.result,
      'n/a',
    );
  });

  it('refuses an invalid scorecard', () => {
    assert.throws(() => card({ op: 'regex', pattern: '(' }));
    assert.throws(() => card({ op: 'nope' }));
  });
});

describe('quality engine: text as people say it', () => {
  it('folds full-width, traditional characters, fillers, spaces and spoken digits', () => {
    assert.equal(matchText('ＣＶＶ２ 嗯 這個 工號 八零零一').compact, 'cvv2工号8001');
  });
});

describe('real-time guard', () => {
  it('warns by rule name and blocks fatal ones', () => {
    const cvv = guardDraft(scorecard, 'chat', '请提供一下您卡背面的三位数字');
    assert.equal(cvv.blocked, true);
    assert.deepEqual(
      cvv.warnings.map((w) => w.item),
      ['no_sensitive_request'],
    );
    const rude = guardDraft(scorecard, 'chat', '这个不归我管');
    assert.equal(rude.blocked, false);
    assert.equal(rude.warnings[0]?.item, 'forbidden_words');
    assert.equal(rude.warnings[0]?.title, '未使用服务禁语');
    assert.deepEqual(guardDraft(scorecard, 'chat', '好的,我来帮您查询'), { warnings: [], blocked: false });
  });
});

describe('quality engine: tuned forms', () => {
  const luhn = (p: string) => `${p}${luhnCheckDigit(p)}`;
  const spoken = (s: string, one = '一', zero = '零', two = '二') =>
    [...s]
      .map((d) => (d === '1' ? one : d === '0' ? zero : d === '2' ? two : '零一二三四五六七八九'[Number(d)]))
      .join('');
  const result = (t: Transcript, code: string) => finding(t, code).result;

  it('reads 幺, 两, 洞 and 拐 as digits in a number read out, and 叉 as the ID check character', () => {
    assert.equal(matchText('幺两洞拐').compact, '1207');
    const pan = luhn('438088001122334');
    assert.equal(result(call(`卡号${spoken(pan, '幺', '洞', '两')}`), 'no_full_number'), 'fail');
    let xid = '';
    for (let n = 1000; !xid.endsWith('X'); n++) xid = `3301061988072${n}${idCheckChar(`3301061988072${n}`)}`;
    assert.equal(result(call(`身份证号码是${spoken(xid.slice(0, 17), '幺', '洞', '两')}叉`), 'no_full_number'), 'fail');
  });

  it('counts 19-digit cards, a wrong check digit, and groups joined by words; not masked, case or timestamp numbers', () => {
    const pan19 = luhn('621700123456789012');
    assert.equal(
      result(
        call(
          `您的新卡卡号是${pan19.slice(0, 4)} ${pan19.slice(4, 8)} ${pan19.slice(8, 12)} ${pan19.slice(12, 16)} ${pan19.slice(16)}`,
        ),
        'no_full_number',
      ),
      'fail',
    );
    const pan = luhn('622588123456781');
    const wrong = `${pan.slice(0, 15)}${(Number(pan[15]) + 1) % 10}`;
    assert.equal(
      result(call(`卡号是${wrong}`), 'no_full_number'),
      'fail',
      'a misread card number is still a card number',
    );
    const id = `11010519850312241${idCheckChar('11010519850312241')}`;
    const misread = `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;
    assert.equal(result(call(`身份证号${misread}`), 'no_full_number'), 'fail', 'an ID with a wrong check character');
    assert.equal(result(call(`卡号前八位是${pan.slice(0, 8)}，后八位是${pan.slice(8)}`), 'no_full_number'), 'fail');
    for (const said of [
      '您的受理号是2026110712345678，请记录。',
      '您的申请编号是 2026 1107 0000 1234。',
      '交易时间是2026-11-07 15:30:45。',
      '您可以拨打95588或者400-820-8888咨询。',
      '您尾号1234的卡，手机号13812345678。',
    ]) {
      assert.equal(result(call(said), 'no_full_number'), 'pass', said);
    }
  });

  it('finds a number split over two agent turns, with the customer in between', () => {
    const pan = luhn('622202430012345');
    const t = call('好的');
    t.turns.splice(
      2,
      1,
      agent(`卡号开头是${pan.slice(0, 4)} ${pan.slice(4, 8)}`),
      customer('嗯'),
      agent(`然后是${pan.slice(8, 12)} ${pan.slice(12)}`),
    );
    const f = finding(t, 'no_full_number');
    assert.equal(f.result, 'fail');
    assert.equal(f.turn, 4);
    const apart = call('好的');
    apart.turns.splice(2, 1, agent('您尾号是1234'), agent('您的手机号是13812345678对吗'));
    assert.equal(result(apart, 'no_full_number'), 'pass');
  });

  it('fails a turn marked as having held a full number before it was masked for storing', () => {
    const t = call('您的卡号是6225 **** **** 7816');
    assert.equal(result(t, 'no_full_number'), 'pass');
    (t.turns[2] as TranscriptTurn).fullNumbers = ['card'];
    const f = finding(t, 'no_full_number');
    assert.equal(f.result, 'fail');
    assert.equal(f.turn, 2);
    assert.match(f.evidence, /完整卡号/);
  });

  for (const said of [
    '这事儿我可真不知道',
    '这事不归我们组管',
    '这个不是咱们这边管的',
    '我刚才已经跟您说过了',
    '跟您讲了半天您怎么还不明白',
    '随便您吧',
    '您自己去网上查',
    '那您去投诉吧',
    '额度的事我们这边没法处理',
    '我都跟您说了三遍了',
    '您爱信不信',
    '这个我们处理不了',
  ]) {
    it(`forbidden variant: ${said}`, () => assert.equal(result(call(said), 'forbidden_words'), 'fail'));
  }

  for (const said of [
    '有个办法，您可以在手机银行上自助申请',
    '我来帮您想想别的办法',
    '能不能批下来我没办法保证，我先帮您提交',
    '这个不在信用卡中心的受理范围，不归我们管，我帮您转接到借记卡专线',
    '您方便的时候再回电也可以，随您安排',
    '还有谁知道您的密码吗？',
    '您着急什么时候用卡？',
    '如果商户那边解决不了，您再联系我们',
  ]) {
    it(`no forbidden phrase: ${said}`, () => assert.equal(result(call(said), 'forbidden_words'), 'pass'));
  }

  for (const said of [
    '卡片有效期和背面后三位告诉我一下',
    '您把收到的六位数字告诉我',
    '签名条上那三个数字您读一下',
    '您把六位密码念一遍',
    '请把短信里的数字发过来',
    '这个要保密，别告诉别人。您卡片背面那三位数是多少？',
  ]) {
    it(`sensitive request: ${said}`, () => assert.equal(result(call(said), 'no_sensitive_request'), 'fail'));
  }

  for (const said of [
    '请千万别把卡背后的三位数字和密码透露给任何人',
    '请您在电话按键上输入六位查询密码',
    '请报一下卡片的有效期',
    '我给您说一下密码重置的流程',
    '我们不会向您索要密码，也请您不要把验证码告诉任何人',
  ]) {
    it(`no sensitive request: ${said}`, () => assert.equal(result(call(said), 'no_sensitive_request'), 'pass'));
  }

  for (const said of [
    '这笔交易百分百能撤销',
    '这个利息我给您免掉，我打包票',
    '您放一百个心，征信肯定给您消掉',
    '您的申请一定能通过',
    '逾期记录肯定不会上征信的',
  ]) {
    it(`promise: ${said}`, () => assert.equal(result(call(said), 'no_unauthorised_promise'), 'fail'));
  }

  for (const said of [
    '办这张卡需要存入一万元保证金',
    '您一定要记得每月按时还',
    '我保证现在就帮您把卡片止付',
    '逾期肯定会影响您的征信',
    '退款的进度我保证会跟进',
    '减免的成功率不是百分之百，我帮您申请',
    '卡片解冻后一定会恢复正常使用',
  ]) {
    it(`no promise: ${said}`, () => assert.equal(result(call(said), 'no_unauthorised_promise'), 'pass'));
  }

  it('an upset customer (panic, sarcasm) needs an apology or empathy; 不好意思 for not hearing is none', () => {
    const upset = (words: string, reply: string) => {
      const t = call(reply);
      t.turns[1] = customer(words);
      return result(t, 'apology_empathy');
    };
    assert.equal(upset('我卡被盗刷了，急死我了', '换做是我也会着急的，我马上帮您冻结'), 'pass');
    assert.equal(upset('呵呵，你们银行可真厉害', '好的好的，我帮您查一下'), 'fail');
    assert.equal(upset('这都第几次了', '不好意思，我这边没太听清，麻烦您再讲一次？'), 'fail');
    assert.equal(upset('我想问一下积分怎么兑换', '好的'), 'n/a');
  });

  it('an apology answers the upset only after it; asking the customer to understand, or a polite opener, is none', () => {
    const t = call('利息是按日计算的');
    t.turns[0] = agent('您好，不好意思让您久等了，8001号客服为您服务');
    t.turns[1] = customer('怎么又多了一笔利息，你们就是在坑人！');
    assert.equal(result(t, 'apology_empathy'), 'fail');
    t.turns[2] = agent('给您添麻烦了，利息是按日计算的');
    assert.equal(result(t, 'apology_empathy'), 'pass');
    // In a contact classified as a complaint, an apology anywhere counts.
    const c = call('好的');
    c.turns[0] = agent('您好，不好意思让您久等了，8001号客服为您服务');
    assert.equal(result({ ...c, complaint: true }, 'apology_empathy'), 'pass');
    const upset = (reply: string) => {
      const u = call(reply);
      u.turns[1] = customer('你们客服态度也太差了吧');
      return result(u, 'apology_empathy');
    };
    assert.equal(upset('希望您能理解，我们电话很多'), 'fail');
    assert.equal(upset('我理解您的意思，您是要投诉对吧'), 'fail');
    assert.equal(upset('不好意思，麻烦您报一下卡号后四位'), 'fail');
    assert.equal(upset('这确实是我们的疏忽，我向您道个歉'), 'pass');
    assert.equal(upset('还请您多多包涵，我马上处理'), 'pass');
  });

  it('thanks or praise outweighs the NLU reading a turn as a complaint', () => {
    const t = call('不客气');
    t.turns[1] = customer('上次的问题你们处理得挺快的，谢谢啊');
    assert.equal(result(t, 'apology_empathy'), 'n/a');
  });

  for (const said of [
    '我跟您保证啊，您这个月的年费还有那个滞纳金，到时候都会给您免掉的',
    '违约金我做主给您退了',
    '您放心好了，这笔钱我们会全额退到您卡上的',
    '提额这个事十拿九稳',
    '我向您承诺，下个月额度一定给您提上来',
    '年费我这边直接给您免三年',
  ]) {
    it(`promise (second batch): ${said}`, () => assert.equal(result(call(said), 'no_unauthorised_promise'), 'fail'));
  }

  for (const said of [
    '一定帮您反映给相关部门',
    '这笔交易我们肯定会尽快核实',
    '符合条件的话肯定是可以减免的，具体以审核结果为准',
    '您放心，如果审核通过，费用会退回到您的卡上',
    '商户退款以后，钱肯定是原路退回到您的卡上',
    '这个我没法跟您保证一定能退',
    '我帮您查一下退了没有',
    // The guarantee and the outcome in different sentences are no promise of it.
    '我保证今天给您回个话。年费减免要看审批',
  ]) {
    it(`no promise (second batch): ${said}`, () => assert.equal(result(call(said), 'no_unauthorised_promise'), 'pass'));
  }
});
