/**
 * Synthetic transcripts for the throughput measurement (not for accuracy: they are built from the rules'
 * own vocabulary, so they say nothing about precision or recall). Deterministic from the seed: calls and
 * chats of 6–16 turns, most of them clean, some with a forbidden phrase, a request for the CVV2, a full
 * card number, a promise, a complaint with or without an apology, slow chat replies.
 */

import { luhnCheckDigit } from '../../src/platform/pii/validators.ts';
import { mulberry32 } from '../../src/platform/random.ts';

export interface GeneratedTranscript {
  id: string;
  channel: 'phone' | 'chat';
  agentNo: string;
  turns: { role: 'agent' | 'customer'; text: string; at?: string }[];
}

const CUSTOMER = [
  '我想查一下这个月的账单',
  '我的信用卡额度是多少',
  '分期手续费怎么算',
  '我昨天还款了为什么还显示欠款',
  '我的卡好像被盗刷了,怎么办',
  '年费能不能免',
  '积分可以换什么',
  '我想提高一下额度',
  '帮我查查最低还款额',
  '卡丢了要挂失',
  '好的,明白了',
  '嗯,那我再看看',
];
const COMPLAINTS = ['你们乱扣我年费,我要投诉!', '什么态度,我等了半个小时', '太过分了,一直没人处理'];
const AGENT = [
  '好的,我这边帮您查询一下',
  '您本期账单金额为3,256.40元,最后还款日为12月25日',
  '分期手续费按每期0.6%收取,年化利率约为13.0%',
  '您的还款已入账,系统更新可能有延迟',
  '已为您办理临时挂失,请您尽快到网点补卡',
  '您的积分可在手机银行积分商城兑换礼品',
  '提额需要系统综合评估,您可以在手机银行申请',
  '请您稍等,我帮您核实一下',
];
const BAD = [
  '这个我也不知道',
  '这个不归我管',
  '你自己去查吧',
  '我已经说过了',
  '请把卡背面的三位数字告诉我',
  '我保证一定给您减免年费',
  '没办法,规定就是这样',
];

export function generateTranscripts(count: number, seed = 20261207): GeneratedTranscript[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: GeneratedTranscript[] = [];
  const start = Date.parse('2026-11-02T01:00:00Z');
  for (let n = 0; n < count; n++) {
    const channel = rnd() < 0.5 ? 'chat' : 'phone';
    const agentNo = String(8001 + Math.floor(rnd() * 200));
    const turns: GeneratedTranscript['turns'] = [];
    let t = start + n * 600_000;
    const add = (role: 'agent' | 'customer', text: string, gap: number) => {
      t += gap * 1000;
      turns.push({ role, text, ...(channel === 'chat' ? { at: new Date(t).toISOString() } : {}) });
    };
    add(
      'agent',
      rnd() < 0.9 ? `您好,${agentNo}号客服很高兴为您服务,请问有什么可以帮您?` : '您好,请问有什么可以帮您?',
      0,
    );
    const complaint = rnd() < 0.1;
    add('customer', complaint ? pick(COMPLAINTS) : pick(CUSTOMER), 5 + rnd() * 20);
    if (complaint && rnd() < 0.7) add('agent', '非常抱歉给您带来不便,我非常理解您的心情', 5 + rnd() * 30);
    const middle = 2 + Math.floor(rnd() * 5);
    for (let k = 0; k < middle; k++) {
      const r = rnd();
      let text = pick(AGENT);
      if (r < 0.05) text = pick(BAD);
      else if (r < 0.06) {
        const pan = `62220212345${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`;
        text = `您的卡号是${pan}${luhnCheckDigit(pan)}`;
      }
      add('agent', text, 5 + rnd() * (rnd() < 0.05 ? 120 : 40));
      add('customer', pick(CUSTOMER), 5 + rnd() * 30);
    }
    if (rnd() < 0.85) add('agent', '请问还有其他可以帮您的吗?', 5 + rnd() * 20);
    add('customer', '没有了,谢谢', 5 + rnd() * 10);
    add('agent', rnd() < 0.9 ? '感谢您的来电,祝您生活愉快,再见!' : '好的', 3 + rnd() * 10);
    out.push({ id: `gen-${n + 1}`, channel, agentNo, turns });
  }
  return out;
}
