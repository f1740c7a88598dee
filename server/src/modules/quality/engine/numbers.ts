/**
 * Full card and ID numbers in what an agent wrote or read out (guide §1.4). Runs are taken on the folded
 * text (matchText), so numbers in groups (6222 6002 …), with full-width digits, or spoken as Chinese digits
 * (六二二二，幺洞两…) are one run there; a masked number (6222 **** 1234) is not.
 *
 * - An 18-character run (17 digits and a digit, x or 叉) with a plausible birth date is an ID number, also
 *   with a wrong check character (a misread digit is still the customer's number).
 * - A 16- or 19-digit run is a card number (the lengths banks issue), Luhn or not; other lengths from 13 to
 *   19 only when the Luhn check passes. A run the turn names as a case, order or serial number is none.
 * - Groups split by a few words (前八位是…，后八位是…; 然后是…) join into one number when together they
 *   make a checked card number or ID, or a 16/19-digit run in a turn that speaks of a card number.
 * - `joinTurns` does the same across two agent turns (the first half said, the customer's 嗯, the rest).
 */
import { isLuhnValid, isValidIdNumber } from '../../../platform/pii/validators.ts';
import type { MatchText } from './text.ts';

export type NumberKind = 'card' | 'id';

export interface FullNumber {
  kind: NumberKind;
  /** Offsets in the compact text. */
  start: number;
  end: number;
}

/** Digit runs; an ID's last character may be x (folded X) or 叉. */
const RUN = /\d+(?:x|叉)?/g;
/** Words that make a long run something other than a card or ID number. */
const NOT_A_CARD =
  /(?:受理|工单|编号|单号|流水|订单|案件|案例|参考号|交易号|批次|凭证|序号|申请号|业务号|快递|物流|运单|合同号|账单号|投诉号|记录号)[^\d]{0,6}$/;
/** The turn speaks of a card or ID number (for numbers said in pieces). */
const CARD_CUE = /卡号|卡片号|号码|身份证|证件号|开头|前\d?[四六八]位|后\d?[四八九]位|然后是|接着是/;
/** Words between two groups of one number: no other number, amount, date or phone in between. */
const JOINER = /^(?:[^\d*x]{0,6})$/;
const BREAKER = /[元块日月年分秒点次号或和及]|手机|电话|热线|金额|尾号|尾数|后四位|末四位|额度|利息|费|还是/;

/** A plausible resident ID number: region, birth date (1900–2099, real month and day). */
function plausibleId(s: string): boolean {
  if (!/^[1-9]\d{16}[\dx]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** A date and time written as digits (20261107153045): no card. */
const TIMESTAMP = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?$/;

function classify(digits: string, joined: boolean, cue: boolean): NumberKind | null {
  const s = digits.replace('叉', 'x');
  if (TIMESTAMP.test(s)) return null;
  if (s.length === 18 && plausibleId(s)) {
    if (!joined || cue || isValidIdNumber(s.toUpperCase())) return 'id';
  }
  if (!/^\d+$/.test(s) || s.length < 13 || s.length > 19) return null;
  if (isLuhnValid(s)) return 'card';
  if ((s.length === 16 || s.length === 19) && (!joined || cue)) return 'card';
  return null;
}

interface Run {
  start: number;
  end: number;
  text: string;
}

function runsOf(s: string): Run[] {
  const out: Run[] = [];
  for (const m of s.matchAll(RUN)) {
    const start = m.index ?? 0;
    out.push({ start, end: start + m[0].length, text: m[0] });
  }
  return out;
}

/** Full numbers in a compact string; `from` drops those that end before it (used when joining turns). */
export function findFullNumbersIn(s: string, kinds: readonly NumberKind[] = ['card', 'id'], from = 0): FullNumber[] {
  const out: FullNumber[] = [];
  const runs = runsOf(s);
  const cue = CARD_CUE.test(s);
  const taken = new Set<number>();
  for (let i = 0; i < runs.length; i++) {
    if (taken.has(i)) continue;
    const first = runs[i] as Run;
    if (NOT_A_CARD.test(s.slice(Math.max(0, first.start - 12), first.start))) continue;
    // The run alone, then with the groups that follow it.
    let digits = first.text;
    for (let j = i; j < runs.length; j++) {
      const run = runs[j] as Run;
      if (j > i) {
        const prev = runs[j - 1] as Run;
        const gap = s.slice(prev.end, run.start);
        if (/[x叉]$/.test(prev.text) || !JOINER.test(gap) || BREAKER.test(gap) || run.text.length < 3) break;
        digits += run.text;
      }
      if (digits.length > 19) break;
      const kind = classify(digits, j > i, cue);
      if (kind && kinds.includes(kind) && run.end > from) {
        const ends = j + 1 < runs.length ? classify(digits + (runs[j + 1] as Run).text, true, cue) : null;
        // 16 digits and three more that make a checked 19-digit card: take the longer one.
        if (ends === 'card' && kind === 'card' && digits.length === 16) continue;
        out.push({ kind, start: first.start, end: run.end });
        for (let k = i; k <= j; k++) taken.add(k);
        break;
      }
    }
  }
  return out;
}

export function findFullNumbers(t: MatchText, kinds: readonly NumberKind[] = ['card', 'id']): FullNumber[] {
  return findFullNumbersIn(t.compact, kinds);
}

/**
 * A number begun at the end of one agent turn and finished at the start of the next: the span of it in
 * the second turn, or null.
 */
export function findJoinedNumber(
  previous: MatchText,
  current: MatchText,
  kinds: readonly NumberKind[] = ['card', 'id'],
): FullNumber | null {
  const tail = previous.compact.slice(-30);
  const head = current.compact.slice(0, 40);
  // Only a number that runs from the first turn into the second.
  const lastRun = runsOf(tail).pop();
  const firstRun = runsOf(head)[0];
  if (!lastRun || !firstRun || lastRun.text.length < 3 || firstRun.text.length < 3) return null;
  if (tail.length - lastRun.end > 4 || firstRun.start > 6) return null;
  const joined = `${tail}${head}`;
  const hit = findFullNumbersIn(joined, kinds, tail.length).find((n) => n.start < tail.length && n.end > tail.length);
  if (!hit) return null;
  return { kind: hit.kind, start: 0, end: hit.end - tail.length };
}
