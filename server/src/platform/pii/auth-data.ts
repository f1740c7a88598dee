import { AppError } from '../errors.ts';

/**
 * PCI DSS 3.3.1 / JR/T 0171 C3: card verification codes, PINs and track data are never stored, not even
 * encrypted. Any request body or value about to be persisted that carries such a field is refused — a
 * field named so, track data anywhere, or a CVV2, PIN or expiry date typed into free text after its keyword.
 */
const FORBIDDEN_KEYS = new Set([
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'cvn',
  'cvn2',
  'securitycode',
  'pin',
  'pinblock',
  'pincode',
  'track',
  'track1',
  'track2',
  'trackdata',
  'magstripe',
  'icdata',
  'chipdata',
]);

// ISO 7813 track 1 (%B…^NAME^…?) and track 2 (;PAN=YYMM…?) layouts.
const TRACK_RE = /%B\d{12,19}\^[^^]{2,26}\^\d{4}|;?\d{12,19}=\d{4}\d*\??/;

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Full-width forms (digits, Latin letters, punctuation) and the ideographic space, folded to ASCII one
 * character for one: "１３８" is a phone number too. The length never changes, so positions found in the
 * folded text hold in the original.
 */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/**
 * What hides a code from the rules, folded one character for one (positions hold): full-width forms, circled
 * digits (①②③ → 123) and invisible characters (zero-width space and joiners, soft hyphen, BOM → a space).
 */
function foldForAuthData(text: string): string {
  return foldFullWidth(text)
    .replace(/[\u2460-\u2468]/g, (c) => String(c.charCodeAt(0) - 0x245f))
    .replace(/\u24ea/g, '0')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, ' ');
}

export type AuthDataKind = 'cvv' | 'pin' | 'expiry' | 'otp';

/** Between a keyword and its value: spaces, colons and the little words people put there (是, 为, 码…). */
const JOIN = String.raw`[\s:=,，是为為的码碼号號]{0,6}`;
// A value is not followed by another digit or by a unit that makes it a count or an amount ("密码错3次").
const NOT_A_COUNT = String.raw`(?![\d元块次位天个月年日号%])`;
const MONTH = '(?:0?[1-9]|1[0-2])';
/**
 * A digit as people say or type it: 0-9 or a Chinese numeral (一二三, 幺 for one and 两 for two on the phone,
 * 〇/零 for nought, the financial forms 壹贰叁…).
 */
const SPOKEN_DIGIT = '[0-9零〇一二三四五六七八九幺两兩壹贰貳叁參肆伍陆陸柒捌玖]';
/** 验证码/动态码/短信码 in simplified or traditional characters (驗證碼, 動態碼, 簡訊碼). */
const OTP_KEYWORD = String.raw`(?:(?:短信|簡訊|简讯|动态|動態|手机|手機)?[验驗]\s?[证證証]\s?[码碼]|[动動][态態][码碼]|(?:短信|簡訊)[码碼])`;
/** Between a code's keyword and the code: as `JOIN`, and the quotes, brackets and marks a code is put in. */
const OTP_JOIN = String.raw`[\s:=,，是为為的了码碼号號"'“”‘’「」『』【】()（）\[\]<>《》〈〉.。、!！?？~～\-—_*#]{0,6}`;
/** Between the letters of CVV/CVC/CVN: a dot, hyphen or space may stand (C.V.V.2, C V V). */
const LETTER_GAP = '[.\\s-]?';
/**
 * `min`…`max` digits, each spoken or typed, optionally one space or hyphen apart ("1 2 3", "一二三四五六");
 * not followed by a further digit. Group 1 is the value.
 */
function spokenDigits(min: number, max: number): string {
  return `(${SPOKEN_DIGIT}(?:[ -]?${SPOKEN_DIGIT}){${min - 1},${max - 1}})(?!${SPOKEN_DIGIT})`;
}
/** Keyword, then the value in the shape that kind of data has; group 1 is the value. */
const TEXT_RULES: ReadonlyArray<{ kind: AuthDataKind; re: RegExp }> = [
  {
    kind: 'cvv',
    re: new RegExp(
      `(?:(?<![a-z])(?:c${LETTER_GAP}v${LETTER_GAP}[vcn](?:${LETTER_GAP}2)?|cid|security\\s*code)(?![a-z])|安\\s?全\\s?码|` +
        '校验码|背[面后](?:的)?(?:三|3)(?:位|个)(?:数字|数|码)?|卡背[面后]?(?:的)?(?:(?:三|3)个)?(?:数字|号码)?)' +
        JOIN +
        spokenDigits(3, 4) +
        NOT_A_COUNT,
      'gi',
    ),
  },
  {
    kind: 'pin',
    re: new RegExp(
      String.raw`(?:(?<![a-z])pin(?:\s*code)?(?![a-z])|密\s?码)` + JOIN + spokenDigits(4, 6) + NOT_A_COUNT,
      'gi',
    ),
  },
  {
    // A one-time code proves the holder for minutes: read out or typed into a chat, it is authentication
    // data like a PIN (the scripts promise nobody asks for it; the phone takes it on the keypad).
    kind: 'otp',
    re: new RegExp(
      `(?:${OTP_KEYWORD}|(?<![a-z])(?:otp|verification\\s*code|sms\\s*code)(?![a-z])(?:\\s+is)?)` +
        OTP_JOIN +
        spokenDigits(4, 8) +
        NOT_A_COUNT,
      'gi',
    ),
  },
  {
    // The code first, then what it is ("482913是验证码", "482913 就是我的验证码").
    kind: 'otp',
    re: new RegExp(
      `(?<!${SPOKEN_DIGIT}|${SPOKEN_DIGIT}[ -])${spokenDigits(4, 8)}` +
        String.raw`\s*(?:就是|是|为|為)?\s*(?:我的|我)?\s*` +
        OTP_KEYWORD,
      'gi',
    ),
  },
  {
    kind: 'expiry',
    re: new RegExp(
      String.raw`(?:有效期(?:至|到)?|有效日期|(?<!还款|账单|分期|缴费|最后)[到过]期(?:日期|日|时间)?|(?<![a-z])(?:exp(?:iry|ires|iration)?(?:\s*date)?|valid\s*thru|good\s*thru)(?![a-z]))` +
        JOIN +
        String.raw`(${MONTH}\s*[/.-]\s*(?:20)?\d{2}(?!\d)|(?:20)?\d{2}\s*[/.年-]\s*${MONTH}\s*月?(?![\d日号])|(?:0[1-9]|1[0-2])\d{2}(?!\d))`,
      'gi',
    ),
  },
];

export interface AuthDataInText {
  kind: AuthDataKind;
  /** Where the value (not its keyword) stands in the text. */
  start: number;
  end: number;
}

/**
 * CVV2, PIN, expiry dates and one-time codes typed as free text, found after their keywords (CVV/安全码/背面三位,
 * PIN/密码, 有效期/到期/EXP, 验证码/动态码/OTP) in the shape each has. Full-width characters are folded first (ＣＶＶ１２３); codes may be
 * spoken digit by digit (1 2 3) or in Chinese numerals (一二三四五六).
 */
export function findAuthDataInText(text: string): AuthDataInText[] {
  const folded = foldForAuthData(text);
  const hits: AuthDataInText[] = [];
  for (const { kind, re } of TEXT_RULES) {
    for (const m of folded.matchAll(re)) {
      const value = m[1] ?? '';
      const start = (m.index ?? 0) + m[0].lastIndexOf(value);
      hits.push({ kind, start, end: start + value.length });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Replaces each CVV2, PIN, expiry or one-time-code value found in the text by `***`; the keyword stays, so the reader knows. */
export function redactAuthDataInText(text: string): { text: string; kinds: AuthDataKind[] } {
  const hits = findAuthDataInText(text);
  if (hits.length === 0) return { text, kinds: [] };
  let out = '';
  let from = 0;
  for (const hit of hits) {
    if (hit.start < from) continue;
    out += `${text.slice(from, hit.start)}***`;
    from = hit.end;
  }
  return { text: out + text.slice(from), kinds: [...new Set(hits.map((h) => h.kind))] };
}

/**
 * `text` redacted as the continuation of `before` (the same person's previous message): a code sent on its
 * own right after its keyword ("验证码是" then "482913") is found across the two. Only `text` changes.
 */
export function redactAuthDataAfter(before: string, text: string): { text: string; kinds: AuthDataKind[] } {
  if (!before) return redactAuthDataInText(text);
  const offset = before.length + 1;
  const hits = findAuthDataInText(`${before}\n${text}`).filter((h) => h.start >= offset);
  if (hits.length === 0) return redactAuthDataInText(text);
  let out = '';
  let from = 0;
  for (const hit of hits) {
    const start = hit.start - offset;
    if (start < from) continue;
    out += `${text.slice(from, start)}***`;
    from = hit.end - offset;
  }
  const rest = redactAuthDataInText(out + text.slice(from));
  return { text: rest.text, kinds: [...new Set([...hits.map((h) => h.kind), ...rest.kinds])] };
}

/** Secrets that are never stored as text (hashed or not kept at all): not searched for card data. */
const SECRET_KEYS = /password|token|secret/;

export interface AuthDataScan {
  /** Also look into free text for CVV2/PIN/expiry after their keywords (off where the text is redacted instead). */
  text?: boolean;
}

/** Returns the path of the first authentication-data field in `value`, if any. */
export function findAuthData(value: unknown, options: AuthDataScan = {}, path = '$', depth = 0): string | undefined {
  if (depth > 12) return undefined;
  if (typeof value === 'string') {
    if (TRACK_RE.test(value)) return path;
    return options.text !== false && findAuthDataInText(value).length > 0 ? path : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findAuthData(value[i], options, `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const key = normalizeKey(k);
      if (FORBIDDEN_KEYS.has(key) && v !== null && v !== undefined && v !== '') return `${path}.${k}`;
      if (SECRET_KEYS.test(key)) continue;
      const hit = findAuthData(v, options, `${path}.${k}`, depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * Refuses a value carrying authentication data. Staff input is refused as a whole (the person typing can
 * take it out); the customer's chat text is redacted instead (`scrubText`), so the customer is not blocked.
 */
export function assertNoAuthData(value: unknown, options: AuthDataScan = {}): void {
  const path = findAuthData(value, options);
  if (path) throw new AppError('AUTH_DATA_REFUSED', { detail: `authentication data at ${path}` });
}
