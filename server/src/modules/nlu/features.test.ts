import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeatureHasher, featureKey } from './feature-hasher.ts';
import {
  charNgrams,
  DEFAULT_FEATURE_OPTIONS,
  englishForms,
  type FeatureOptions,
  featureCounts,
  tokenize,
  words,
} from './features.ts';
import { normalizeText } from './normalize.ts';
import { readingsOf, splitPinyin } from './pinyin.ts';
import { DEFAULT_VECTORIZER_OPTIONS, Vectorizer } from './vectorizer.ts';

describe('features', () => {
  it('tokenizes Chinese runs, Latin words, numbers and marks', () => {
    assert.deepEqual(
      tokenize('我的card丢了12次?').map((t) => [t.text, t.kind]),
      [
        ['我的', 'cjk'],
        ['card', 'latin'],
        ['丢了', 'cjk'],
        ['12', 'number'],
        ['次', 'cjk'],
        ['?', 'mark'],
      ],
    );
  });

  it('makes character n-grams with run edges marked and digits reduced to their shape', () => {
    const grams = charNgrams('挂失 1234', { ...DEFAULT_VECTORIZER_OPTIONS, cjkMin: 1, cjkMax: 2 });
    assert.deepEqual(grams, ['挂', '失', ' 挂', '挂失', '失 ', ' 0000 ']);
  });

  it('segments Chinese with the card-domain dictionary', () => {
    assert.deepEqual(words('我要挂失尾号1234的信用卡'), ['我', '要', '挂失', '尾号', '#4', '的', '信用卡']);
  });

  it('gives homophone typos and typed pinyin the same pinyin pairs as the right characters', () => {
    const pairs = (text: string) =>
      [...featureCounts(normalizeText(text)).keys()].filter((k) => k.startsWith('p')).sort();
    assert.deepEqual(pairs('挂施'), pairs('挂失'));
    assert.deepEqual(pairs('guashi'), ['pgua shi']);
    assert.deepEqual(pairs('my card'), []);
  });

  it('spells out English contractions and stems longer words', () => {
    assert.equal(englishForms("i can't see the charges i'm disputing"), 'i ca not see the charg i am disput');
    assert.equal(englishForms('my policies were cancelled'), 'my policy were cancell');
  });

  it('splits pinyin words into syllables and refuses English words', () => {
    assert.deepEqual(splitPinyin('guashi'), ['gua', 'shi']);
    assert.deepEqual(splitPinyin('kaika'), ['kai', 'ka']);
    assert.equal(splitPinyin('card'), undefined);
    assert.deepEqual(readingsOf('还'), ['hai', 'huan']);
  });

  it('vectorises with sublinear TF-IDF and unit-norm blocks', () => {
    const texts = ['我要挂失', '我要分期', '积分怎么兑换'].map((t) => normalizeText(t));
    const v = Vectorizer.fit(texts, DEFAULT_VECTORIZER_OPTIONS);
    const x = v.transform(texts[0] as string);
    assert.equal(x.indices.length, x.values.length);
    assert.ok(x.indices.length > 0);
    // Three groups (characters, words, pinyin) each normalised: the squared norm is 1 + w² + p².
    const sq = Array.from(x.values).reduce((a, b) => a + b * b, 0);
    const expected = 1 + DEFAULT_VECTORIZER_OPTIONS.wordWeight ** 2 + DEFAULT_VECTORIZER_OPTIONS.pinyinWeight ** 2;
    assert.ok(Math.abs(sq - expected) < 1e-5, `${sq} vs ${expected}`);
    // Only known features count: an unrelated text shares nothing with this vocabulary.
    assert.equal(v.transform(normalizeText('hello world')).indices.length, 0);
    assert.equal(v.transform('').indices.length, 0);
    const col = v.columnOf('c挂失');
    assert.ok(col !== undefined && Array.from(x.indices).includes(col));
    assert.equal(v.columnOf('c不存在'), undefined);
    assert.equal(v.columnOf('x挂失'), undefined);
  });

  it('hashes exactly the features it names, each once per occurrence', () => {
    const texts = [
      '我要挂失尾号1234的信用卡，卡丢了!',
      '帮我把12000.50的账单分12期 guashi kaika',
      "i don't know why my card payment of $1.2.3 was declined, ¥500 %",
      'abc123def 挂施 hello, world',
      '',
      '？？',
    ].map((t) => normalizeText(t));
    const variants: FeatureOptions[] = [
      DEFAULT_FEATURE_OPTIONS,
      { ...DEFAULT_FEATURE_OPTIONS, pinyin: false, latinSpan: 'phrase', cjkMin: 2, cjkMax: 4, latinMin: 2 },
      { ...DEFAULT_FEATURE_OPTIONS, words: false },
      { ...DEFAULT_FEATURE_OPTIONS, wordBigrams: false, english: true },
    ];
    for (const options of variants) {
      const hasher = new FeatureHasher(options);
      for (const text of texts) {
        const named = new Map<number, number>();
        for (const [name, count] of featureCounts(text, options)) {
          const key = featureKey(name) as number;
          named.set(key, (named.get(key) ?? 0) + count);
        }
        const hashed = new Map<number, number>();
        const n = hasher.hash(text);
        for (let i = 0; i < n; i++) {
          const key = (hasher.hi[i] as number) * 2 ** 32 + (hasher.lo[i] as number);
          hashed.set(key, (hashed.get(key) ?? 0) + 1);
        }
        assert.deepEqual(hashed, named, `${JSON.stringify(text)} ${JSON.stringify(options)}`);
      }
    }
  });
});
