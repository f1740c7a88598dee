import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAuthData, findAuthDataInText } from './auth-data.ts';
import { DecryptionError, generateKeySpec, Keyring } from './keyring.ts';
import { maskAddress, maskCardNumber, maskIdNumber, maskName, maskPhone, scrubText } from './mask.ts';
import {
  idCheckChar,
  isLuhnValid,
  isValidIdNumber,
  isValidMobile,
  luhnCheckDigit,
  normalizeMobile,
} from './validators.ts';

describe('field encryption', () => {
  const spec = generateKeySpec('k1');
  it('round-trips a value under its context', () => {
    const ring = new Keyring(spec);
    const token = ring.encrypt('11010519491231002X', 'customer.id_number');
    assert.match(token, /^v1\.k1\./);
    assert.ok(!token.includes('11010519491231002X'));
    assert.equal(ring.decrypt(token, 'customer.id_number'), '11010519491231002X');
  });
  it('uses a fresh IV: the same value encrypts differently each time', () => {
    const ring = new Keyring(spec);
    assert.notEqual(ring.encrypt('13812341234', 'p'), ring.encrypt('13812341234', 'p'));
  });
  it('fails with the wrong key', () => {
    const token = new Keyring(spec).encrypt('secret', 'ctx');
    const other = new Keyring(generateKeySpec('k1'));
    assert.throws(() => other.decrypt(token, 'ctx'), DecryptionError);
  });
  it('fails when the value is moved to another field (context bound as AAD)', () => {
    const ring = new Keyring(spec);
    const token = ring.encrypt('secret', 'customer.phone');
    assert.throws(() => ring.decrypt(token, 'customer.id_number'), DecryptionError);
  });
  it('fails on a tampered ciphertext', () => {
    const ring = new Keyring(spec);
    const token = ring.encrypt('secret', 'ctx');
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    assert.throws(() => ring.decrypt(`${token.slice(0, -2)}${last}${token.at(-1)}`, 'ctx'), DecryptionError);
  });
  it('rotates without downtime: a new active key still decrypts values written under the old one', () => {
    const old = new Keyring(spec);
    const token = old.encrypt('6222600260001072444', 'card.pan');
    const rotated = new Keyring(`${generateKeySpec('k2')},${spec}`);
    assert.equal(rotated.activeKid, 'k2');
    assert.equal(rotated.decrypt(token, 'card.pan'), '6222600260001072444');
    assert.match(rotated.encrypt('x', 'c'), /^v1\.k2\./);
  });
  it('keeps blind indexes stable across rotation, and keyed', () => {
    const before = new Keyring(spec).blindIndex('13812341234', 'phone');
    const after = new Keyring(`${generateKeySpec('k2')},${spec}`).blindIndex('13812341234', 'phone');
    assert.equal(before, after);
    assert.notEqual(new Keyring(generateKeySpec('k1')).blindIndex('13812341234', 'phone'), before);
    assert.notEqual(new Keyring(spec).blindIndex('13812341234', 'id'), before);
  });
  it('refuses a short master key', () => {
    assert.throws(() => new Keyring(`k1:${Buffer.alloc(16).toString('base64')}`), /at least 32 bytes/);
  });
});

describe('masking', () => {
  it('card number: last four for agents, BIN + last four at most', () => {
    assert.equal(maskCardNumber('6222600260001072444'), '**** **** **** 2444');
    assert.equal(maskCardNumber('6222600260001072444', 'bin_last4'), '622260*********2444');
    assert.equal(maskCardNumber('4111 1111 1111 1111', 'bin_last4'), '411111******1111');
  });
  it('ID number keeps region and last four', () => {
    assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
  });
  it('phone as 138****1234', () => {
    assert.equal(maskPhone('13812341234'), '138****1234');
  });
  it('name keeps the family name', () => {
    assert.equal(maskName('张三'), '张*');
    assert.equal(maskName('欧阳娜娜'), '欧***');
    assert.equal(maskName('李'), '*');
  });
  it('address keeps the first six characters', () => {
    assert.equal(maskAddress('北京市朝阳区建国路88号'), '北京市朝阳区******');
  });
  it('scrubs card, ID and mobile numbers out of free text', () => {
    const text = '卡号6222600260001072444,身份证11010519491231002X,手机13812341234';
    const out = scrubText(text);
    assert.ok(!out.includes('6222600260001072444'));
    assert.ok(!out.includes('11010519491231002X'));
    assert.ok(!out.includes('13812341234'));
    assert.ok(out.includes('2444') && out.includes('138****1234'));
  });
});

describe('validators', () => {
  it('Luhn accepts real test numbers and refuses a changed digit', () => {
    assert.ok(isLuhnValid('6222600260001072444'));
    assert.ok(isLuhnValid('4111111111111111'));
    assert.ok(!isLuhnValid('4111111111111112'));
    assert.ok(!isLuhnValid('6222600260001072445'));
    assert.ok(!isLuhnValid('41111111111111a1'));
    assert.equal(luhnCheckDigit('411111111111111'), '1');
  });
  it('GB 11643 ID numbers: checksum, X, birth date', () => {
    assert.ok(isValidIdNumber('11010519491231002X'));
    assert.ok(isValidIdNumber('11010519491231002x'));
    assert.ok(!isValidIdNumber('110105194912310021'));
    assert.ok(!isValidIdNumber('11010519491331002X'), 'month 13');
    const first17 = '44030619900230001';
    assert.ok(!isValidIdNumber(first17 + idCheckChar(first17)), '30 February');
    assert.ok(!isValidIdNumber('1101051949123100'));
  });
  it('mainland mobile numbers', () => {
    assert.ok(isValidMobile('13812341234'));
    assert.equal(normalizeMobile('+86 138-1234-1234'), '13812341234');
    assert.ok(!isValidMobile('12812341234'));
    assert.ok(!isValidMobile('1381234123'));
  });
});

describe('authentication-data guard', () => {
  it('finds CVV2, PIN and track data at any depth', () => {
    assert.equal(findAuthData({ card: { cvv2: '123' } }), '$.card.cvv2');
    assert.equal(findAuthData({ PIN: '123456' }), '$.PIN');
    assert.equal(findAuthData({ note: ';6222600260001072444=29121011000?' }), '$.note');
    assert.equal(findAuthData({ items: [{ track2: 'x' }] }), '$.items[0].track2');
  });
  it('lets ordinary data through', () => {
    assert.equal(findAuthData({ pinyin: 'gs', cardLast4: '2444', note: '客户说卡丢了' }), undefined);
  });
});

describe('finding 8: personal and authentication data in free text', () => {
  it('finding 8: masking catches grouped mobiles, grouped card and ID numbers and full-width digits', () => {
    const cases: Array<[string, string, string]> = [
      ['手机138-0013-8000', '13800138000', '138****8000'],
      ['手机 138 0013 8000', '0013', '138****8000'],
      ['电话 +86 138 0013 8000', '0013', '138****8000'],
      ['手机１３８００１３８０００', '１３８００１３８０００', '138****8000'],
      ['卡号6222 6002 6000 1072 444', '6002', '**** **** **** 2444'],
      ['卡号6222-6002-6000-1072', '6002', '**** **** **** 1072'],
      ['卡号６２２２６００２６０００１０７２４４４', '６２２２', '**** **** **** 2444'],
      ['身份证 110105 19491231 002X', '19491231', '1101**********002X'],
      ['身份证１１０１０５１９４９１２３１００２Ｘ', '１９４９', '1101'],
    ];
    for (const [text, gone, kept] of cases) {
      const out = scrubText(text);
      assert.ok(!out.includes(gone) && !out.replace(/\D/g, '').includes('0013800'), `${text} → ${out}`);
      assert.ok(out.includes(kept), `${text} → ${out}`);
    }
    assert.equal(scrubText('您好，请问有什么可以帮您？'), '您好，请问有什么可以帮您？', 'punctuation stays as written');
  });

  it('finding 8: CVV2, PIN and expiry typed after their keywords are found, ordinary text is not', () => {
    const found: Array<[string, string]> = [
      ['我的CVV2是123', 'cvv'],
      ['ＣＶＶ：１２３', 'cvv'],
      ['安全码 456', 'cvv'],
      ['校验码为 7890', 'cvv'],
      ['卡背面三位是789', 'cvv'],
      ['取款密码123456', 'pin'],
      ['PIN: 1234', 'pin'],
      ['有效期 08/29', 'expiry'],
      ['有效期至2029年8月', 'expiry'],
      ['卡片到期 0829', 'expiry'],
      ['valid thru 09/28', 'expiry'],
      ['我收到的验证码是 482913', 'otp'],
      ['短信验证码:幺二三四五六', 'otp'],
      ['动态码 4 8 2 9 1 3', 'otp'],
      ['my OTP is 482913', 'otp'],
    ];
    for (const [text, kind] of found) {
      assert.deepEqual(
        findAuthDataInText(text).map((h) => h.kind),
        [kind],
        text,
      );
      assert.ok(!/\d{3}/.test(scrubText(text).replace(/[A-Za-z]+\d?/g, '')), `${text} → ${scrubText(text)}`);
    }
    for (const text of [
      '密码错误3次被锁了',
      '安全码是什么意思',
      '还款到期日 11/25',
      '账单到期 11-25',
      '卡的有效期一般是5年',
      'CVV 100元',
      'pinyin 1234',
      '初始密码为身份证后六位',
      '验证码5分钟内有效',
      '验证码已发送至138****8000',
      '收不到验证码怎么办',
    ]) {
      assert.deepEqual(findAuthDataInText(text), [], text);
    }
    assert.equal(findAuthData({ note: '客户报了安全码 123' }), '$.note');
    assert.equal(findAuthData({ summary: '客户说驗證碼是“482913”' }), '$.summary', 'staff text with a quoted code');

    assert.equal(findAuthData({ note: '客户报了安全码 123' }, { text: false }), undefined);
    assert.equal(findAuthData({ password: 'Pin1234!' }), undefined, 'a password is not free text');
  });

  it('a one-time code is found however it is written around its keyword', () => {
    for (const text of [
      '驗證碼482913',
      '驗証碼 482913',
      '验证码是"482913"',
      '验证码是“482913”',
      '验证码【482913】',
      '验证码(482913)',
      '验证码：「482913」',
      '验证码-482913',
      '验证码.482913',
      '验证码。482913',
      '验证码～482913',
      '482913是验证码',
      '482913 就是我的验证码',
      '动態碼 482913',
      '收到验证码了，482913',
      '验证码！482913',
    ]) {
      assert.deepEqual(
        findAuthDataInText(text).map((h) => h.kind),
        ['otp'],
        text,
      );
      assert.ok(!scrubText(text).includes('482913'), `${text} → ${scrubText(text)}`);
    }
    for (const text of ['尾号8000的验证码收不到', '卡号后四位1234，验证码收不到', '验证码发了3次']) {
      assert.deepEqual(findAuthDataInText(text), [], text);
    }
  });
});
