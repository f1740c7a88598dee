import { redactAuthDataInText } from './auth-data.ts';

/**
 * The one masking layer. Every personal value shown to a person goes through here.
 * Card numbers follow PCI DSS 3.4.1 (at most BIN + last four); agents normally see only the last four.
 */
export type CardMaskLevel = 'last4' | 'bin_last4';

export function maskCardNumber(pan: string, level: CardMaskLevel = 'last4'): string {
  const digits = pan.replace(/\D/g, '');
  if (digits.length < 10) return '****';
  const last4 = digits.slice(-4);
  if (level === 'bin_last4') return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${last4}`;
  return `**** **** **** ${last4}`;
}

/** 18-digit ID: the first four (province and city) and the last four stay. */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 13812341234 → 138****1234 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name (first character) stays. Latin names keep the first letter. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** Keeps the first six characters (usually province and city) of an address. */
export function maskAddress(address: string): string {
  const chars = [...address];
  if (chars.length <= 6) return '*'.repeat(chars.length);
  return `${chars.slice(0, 6).join('')}${'*'.repeat(Math.min(chars.length - 6, 8))}`;
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Only digits, Latin letters and ＋ folded: stored text keeps its Chinese punctuation (，？！) as written. */
const foldAlphanumerics = (text: string) =>
  text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0B]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );

// One separator between digit groups: space, dash, full-width space or full-width dash (138-0013-8000).
const SEP = '[ \\-\\u3000\\uFF0D]';
const digitsOf = (m: string) => m.replace(/\D/g, '');

/** A 13–19 digit card number, an 18-character ID number (6-8-4 groups allowed), a mobile (3-4-4 groups allowed). */
const PAN_RE = new RegExp(`(?<!\\d)(?:\\d${SEP}?){12,18}\\d(?!\\d)`, 'g');
const ID_RE = new RegExp(`(?<![\\dA-Za-z])\\d{6}${SEP}?\\d{8}${SEP}?\\d{3}[\\dXx](?![\\dA-Za-z])`, 'g');
const MOBILE_RE = new RegExp(`(?<!\\d)(?:\\+?86${SEP}?)?1[3-9]\\d${SEP}?\\d{4}${SEP}?\\d{4}(?!\\d)`, 'g');

/**
 * Scrubs free text before it is stored or logged: full-width digits are folded first, CVV2/PIN/expiry typed
 * after their keywords are redacted (auth-data.ts), and card, ID and mobile numbers are masked, whether
 * written in one run or in groups.
 */
export function scrubText(text: string): string {
  return redactAuthDataInText(foldAlphanumerics(text))
    .text.replace(ID_RE, (m) => maskIdNumber(m.replace(/[^\dXx]/g, '')))
    .replace(MOBILE_RE, (m) => maskPhone(digitsOf(m).replace(/^86(?=\d{11}$)/, '')))
    .replace(PAN_RE, (m) => {
      const digits = digitsOf(m);
      return digits.length >= 13 ? maskCardNumber(digits) : m;
    });
}
