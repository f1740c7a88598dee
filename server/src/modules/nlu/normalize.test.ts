import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertChineseNumerals, normalizeText, parseChineseNumber } from './normalize.ts';

describe('normalizeText', () => {
  it('folds full-width letters, digits and spaces to half-width', () => {
    assert.equal(normalizeText('我的ＶＩＳＡ卡　尾号１２３４'), '我的visa卡 尾号1234');
  });

  it('converts traditional to simplified, with 帳 as 账 (not 帐)', () => {
    assert.equal(normalizeText('我的信用卡帳單還沒收到'), '我的信用卡账单还没收到');
    assert.equal(normalizeText('衞生'), '卫生');
  });

  it('keeps 帐 where it is a tent or curtain', () => {
    assert.equal(normalizeText('帐篷'), '帐篷');
  });

  it('lower-cases Latin text', () => {
    assert.equal(normalizeText('My CARD was Stolen'), 'my card was stolen');
  });

  it('fixes domain misspellings and regional words for card', () => {
    assert.equal(normalizeText('信用咔还欵'), '信用卡还款');
    assert.equal(normalizeText('張信用咭'), '张信用卡');
  });

  it('removes invisible characters and collapses whitespace', () => {
    assert.equal(normalizeText('  挂\u200b失\u0000\n 卡片\t'), '挂失 卡片');
  });

  it('drops thousands separators', () => {
    assert.equal(normalizeText('还了1,200.50元'), '还了1200.50元');
  });

  it('writes numeric Chinese numerals as digits', () => {
    assert.equal(normalizeText('分十二期'), '分12期');
    assert.equal(normalizeText('五千块'), '5000块');
    assert.equal(normalizeText('三千五'), '3500');
    assert.equal(normalizeText('1.2万'), '12000');
    assert.equal(normalizeText('尾号一二三四'), '尾号1234');
    assert.equal(normalizeText('十二月十五号'), '12月15号');
  });

  it('leaves numerals that are words alone (一下, 一直, 万一, 十分, 千万)', () => {
    for (const s of ['等一下', '一直打不通', '万一丢了', '十分生气', '千万别', '第一次', '五六天']) {
      assert.equal(normalizeText(s), s);
    }
  });

  it('can keep numerals when asked', () => {
    assert.equal(normalizeText('分十二期', { numerals: false }), '分十二期');
  });
});

describe('parseChineseNumber', () => {
  it('reads unit forms with colloquial elision', () => {
    assert.equal(parseChineseNumber('三千五'), 3500);
    assert.equal(parseChineseNumber('一万二'), 12_000);
    assert.equal(parseChineseNumber('两百五'), 250);
    assert.equal(parseChineseNumber('十二'), 12);
    assert.equal(parseChineseNumber('一百零五'), 105);
    assert.equal(parseChineseNumber('两千零五十'), 2050);
    assert.equal(parseChineseNumber('三万五千'), 35_000);
    assert.equal(parseChineseNumber('十万'), 100_000);
  });

  it('reads digit-by-digit forms of three or more digits', () => {
    assert.equal(parseChineseNumber('二零二四'), 2024);
  });

  it('rejects malformed runs', () => {
    assert.equal(parseChineseNumber('千万'), undefined);
    assert.equal(parseChineseNumber(''), undefined);
    assert.equal(convertChineseNumerals('百分百'), '百分百');
  });
});
