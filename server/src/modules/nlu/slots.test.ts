import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeText } from './normalize.ts';
import { extractSlots, type SlotOptions } from './slots.ts';

// Tuesday 10 March 2026, noon in Shanghai.
const NOW: SlotOptions = { now: new Date('2026-03-10T04:00:00Z') };
const slots = (text: string) => extractSlots(normalizeText(text), NOW);

describe('amount slots', () => {
  const cases: Array<[string, number, string]> = [
    ['我想还5000', 500_000, 'CNY'],
    ['还了五千块', 500_000, 'CNY'],
    ['1.2万能分期吗', 1_200_000, 'CNY'],
    ['刷了三千五', 350_000, 'CNY'],
    ['¥800的消费', 80_000, 'CNY'],
    ['￥800', 80_000, 'CNY'],
    ['100美元那笔', 10_000, 'USD'],
    ['$25', 2_500, 'USD'],
    ['2k', 200_000, 'CNY'],
    ['1w块', 1_000_000, 'CNY'],
    ['1,200.50元', 120_050, 'CNY'],
    ['两百块钱', 20_000, 'CNY'],
  ];
  for (const [text, minor, currency] of cases) {
    it(`reads "${text}" as ${minor} minor units of ${currency}`, () => {
      assert.deepEqual(
        slots(text).amounts?.map((a) => [a.minor, a.currency]),
        [[minor, currency]],
      );
    });
  }

  it('does not read a card tail, a term, a date or a count as an amount', () => {
    const s = slots('尾号1234的卡下个月15号分12期，打了20次电话');
    assert.equal(s.amounts, undefined);
  });
});

describe('installment term slots', () => {
  for (const [text, periods] of [
    ['分12期', 12],
    ['帮我分十二期', 12],
    ['分成6期', 6],
    ['分24个月还', 24],
    ['1.2万分12期', 12],
  ] as const) {
    it(`reads "${text}" as ${periods} periods`, () => {
      assert.deepEqual(
        slots(text).installmentTerms?.map((t) => t.periods),
        [periods],
      );
    });
  }

  it('does not read "第3期" (which instalment) as a term', () => {
    assert.equal(slots('第3期').installmentTerms, undefined);
  });
});

describe('date slots', () => {
  const cases: Array<[string, { kind: 'date' | 'monthly'; date?: string; dayOfMonth?: number }]> = [
    ['下个月15号还款', { kind: 'date', date: '2026-04-15' }],
    ['每月5号自动扣', { kind: 'monthly', dayOfMonth: 5 }],
    ['每个月20日', { kind: 'monthly', dayOfMonth: 20 }],
    ['昨天刷了一笔', { kind: 'date', date: '2026-03-09' }],
    ['前天', { kind: 'date', date: '2026-03-08' }],
    ['明天还', { kind: 'date', date: '2026-03-11' }],
    ['上个月3号', { kind: 'date', date: '2026-02-03' }],
    ['3月5日那笔', { kind: 'date', date: '2026-03-05' }],
    ['2025年12月31日', { kind: 'date', date: '2025-12-31' }],
    ['2026-01-15', { kind: 'date', date: '2026-01-15' }],
    ['上周五', { kind: 'date', date: '2026-03-06' }],
    ['星期一', { kind: 'date', date: '2026-03-09' }],
    ['18号', { kind: 'date', date: '2026-03-18' }],
  ];
  for (const [text, expected] of cases) {
    it(`reads "${text}"`, () => {
      const d = slots(text).dates;
      assert.equal(d?.length, 1);
      const { text: _t, ...rest } = d?.[0] ?? { text: '' };
      assert.deepEqual(rest, expected);
    });
  }

  it('rejects a date that does not exist', () => {
    assert.equal(slots('2026年2月30日').dates, undefined);
  });

  it('uses the Shanghai calendar, not UTC: 23:30 UTC on the 9th is already the 10th', () => {
    assert.equal(extractSlots('今天', { now: new Date('2026-03-09T23:30:00Z') }).dates?.[0]?.date, '2026-03-10');
  });
});

describe('card last four slots', () => {
  for (const text of ['尾号1234', '尾号是1234的卡', '卡号后四位1234', '尾号一二三四', 'card ending in 1234']) {
    it(`reads "${text}"`, () => {
      assert.deepEqual(
        slots(text).cardLast4?.map((c) => c.last4),
        ['1234'],
      );
    });
  }
});

describe('duration slots', () => {
  for (const [text, value, unit] of [
    ['等了三天了', 3, 'day'],
    ['半个月了卡还没到', 0.5, 'month'],
    ['两个小时', 2, 'hour'],
    ['排队排了四十分钟', 40, 'minute'],
    ['两周了', 2, 'week'],
    ['一年半', 1.5, 'year'],
  ] as const) {
    it(`reads "${text}" as ${value} ${unit}`, () => {
      assert.deepEqual(
        slots(text).durations?.map((d) => [d.value, d.unit]),
        [[value, unit]],
      );
    });
  }

  it('does not read a month of a date as a duration', () => {
    assert.equal(slots('下个月15号').durations, undefined);
  });
});

describe('merchant slots', () => {
  it('finds known platforms and shops', () => {
    assert.deepEqual(
      slots('上周五在星巴克刷了38块').merchants?.map((m) => m.name),
      ['星巴克'],
    );
    assert.deepEqual(
      slots('我在京东买的手机').merchants?.map((m) => m.name),
      ['京东'],
    );
  });

  it('finds a company name on the statement', () => {
    assert.deepEqual(
      slots('今天下午在深圳市某某科技有限公司扣了1999').merchants?.map((m) => m.name),
      ['深圳市某某科技有限公司'],
    );
  });

  it('finds an unknown shop from "在…消费"', () => {
    assert.deepEqual(
      slots('在老王烧烤消费了200').merchants?.map((m) => m.name),
      ['老王烧烤'],
    );
  });

  it('does not take a place for a merchant', () => {
    assert.equal(slots('在国外刷卡').merchants, undefined);
  });
});
