import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { nluModule } from './index.ts';

let env: TestEnv;
before(async () => {
  env = await createTestEnv({ modules: [nluModule] });
});
after(async () => {
  await env?.close();
});

const analyze = (payload: unknown, headers: Record<string, string> = {}) =>
  env.request({
    method: 'POST',
    url: '/api/nlu/analyze',
    payload: payload as Record<string, unknown>,
    headers,
    as: 'agent',
  });

describe('POST /api/nlu/analyze', () => {
  it('requires a signed-in user', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/nlu/analyze', payload: { text: '我的卡丢了' } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'UNAUTHENTICATED');
  });

  it('classifies an utterance with slots and emotion', async () => {
    const res = await analyze({ text: '我的卡丢了，尾号1234，赶紧帮我挂失！' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.intent, 'card_loss_report');
    assert.equal(body.type, 'emergency');
    assert.ok(body.confidence > 0 && body.confidence <= 1);
    assert.ok(Array.isArray(body.alternatives));
    assert.deepEqual(body.slots.cardLast4, [{ text: '尾号1234', last4: '1234' }]);
    assert.ok(body.emotion.anxiety > 0);
  });

  it('resolves relative dates on the server clock', async () => {
    const res = await analyze({ text: '昨天那笔消费是在哪刷的' });
    const yesterday = new Date(env.clock.now().getTime() - 86_400_000);
    const expected = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(yesterday);
    assert.equal(res.json().slots.dates[0].date, expected);
  });

  it('answers NLU_TEXT_REQUIRED for empty text, in the caller language', async () => {
    const zh = await analyze({ text: '  ' });
    assert.equal(zh.statusCode, 400);
    assert.equal(zh.json().error.code, 'NLU_TEXT_REQUIRED');
    assert.match(zh.json().error.message, /请提供/);
    const en = await analyze({ text: '' }, { 'accept-language': 'en' });
    assert.equal(en.json().error.message, 'Text to analyse is required');
  });

  it('answers NLU_TEXT_TOO_LONG for 10 kB of text', async () => {
    const res = await analyze({ text: '我要投诉'.repeat(2500) });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'NLU_TEXT_TOO_LONG');
  });

  it('answers a validation error when text is missing or not a string', async () => {
    for (const payload of [{}, { text: 42 }, { text: null }]) {
      const res = await analyze(payload);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    }
  });

  it('survives binary noise: a sane out_of_scope answer inside JSON, a coded error outside it', async () => {
    const noise = String.fromCharCode(...Array.from({ length: 200 }, (_, i) => (i * 37) % 32));
    const inJson = await analyze({ text: `${noise}\ud800\udfff\ufffe` });
    assert.equal(inJson.statusCode, 200, inJson.body);
    assert.equal(inJson.json().intent, 'out_of_scope');

    const raw = await env.request({
      method: 'POST',
      url: '/api/nlu/analyze',
      payload: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x7b, 0x22]),
      headers: { 'content-type': 'application/json' },
      as: 'agent',
    });
    assert.equal(raw.statusCode, 400);
    assert.equal(raw.json().error.code, 'INVALID_JSON');

    const octets = await env.request({
      method: 'POST',
      url: '/api/nlu/analyze',
      payload: Buffer.from([1, 2, 3]),
      headers: { 'content-type': 'application/octet-stream' },
      as: 'agent',
    });
    assert.equal(octets.statusCode, 415);
    assert.equal(octets.json().error.code, 'UNSUPPORTED_MEDIA_TYPE');
  });
});
