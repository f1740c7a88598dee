/**
 * The inspection engine: a transcript and a compiled scorecard in, a score and one finding per item out.
 * Pure and synchronous (no I/O; the NLU model is loaded once per process the first time an intent or
 * emotion operator asks for it), so the contact job, the CLI, the real-time guard and the bench run the
 * same code. Each turn is folded once (text.ts), and each condition's answer on each turn is kept for the
 * run, so position operators (after / before) cost no more than a look-up.
 */
import { VERIFICATION_LEVELS, type VerificationLevel } from '@carddesk/contracts';
import { analyze, bigramJaccard, bigramsOfFolded, NLU_MAX_TEXT, type NluAnalysis } from '../../nlu/index.ts';
import { findFullNumbers, findJoinedNumber } from './numbers.ts';
import type { Condition, ScorecardDefinition, ScorecardItem } from './scorecard.ts';
import { entryPattern, foldEntry, type MatchText, matchText, originalSpan } from './text.ts';

export type Speaker = 'agent' | 'customer' | 'system';

export interface TranscriptTurn {
  /** Who spoke (the public transcript format calls it `role`; quality.cli.ts maps it). */
  speaker: Speaker;
  text: string;
  /** ISO instant; the timing rule needs it on every agent and customer turn. */
  at?: string | undefined;
  /**
   * The full numbers the turn held as written, before it was masked for storing (the contacts module
   * records them at store time): the text the engine sees no longer shows them.
   */
  fullNumbers?: readonly ('card' | 'id')[] | undefined;
}

/** Something done in the contact besides talking, as the desk recorded it. */
export interface ContactEvent {
  kind: 'data_read' | 'installment_accepted' | 'transfer' | 'promise';
  at?: string | undefined;
  /** data_read: the contact's verification level at the time. */
  level?: VerificationLevel | undefined;
  /** installment_accepted: the disclosure (APR) was shown and the customer's yes recorded with it. */
  disclosed?: boolean | undefined;
  /** transfer: a hand-over packet went with it. */
  packet?: boolean | undefined;
  /** What it was, for the evidence (e.g. the audit action). */
  note?: string | undefined;
}

export interface Transcript {
  id: string;
  channel: 'phone' | 'chat';
  agentNo?: string | null | undefined;
  turns: TranscriptTurn[];
  /** The contact was classified as a complaint (or a complaint case was opened from it). */
  complaint?: boolean | undefined;
  events?: ContactEvent[] | undefined;
}

export type FindingResult = 'pass' | 'fail' | 'n/a';

export interface Finding {
  item: string;
  result: FindingResult;
  /** The turn that decided it (index into `turns`), null when no single turn did. */
  turn: number | null;
  /** The words that decided it, as written. */
  evidence: string;
}

export interface InspectionResult {
  id: string;
  score: number;
  passed: boolean;
  fatal: boolean;
  findings: Finding[];
}

const EVIDENCE_MAX = 200;
const clip = (s: string) => (s.length > EVIDENCE_MAX ? `${s.slice(0, EVIDENCE_MAX - 1)}…` : s);

/** The state of one inspection: the transcript, its folded turns and every answer already computed. */
class Run {
  readonly match: (MatchText | undefined)[];
  readonly nlu: (NluAnalysis | null | undefined)[];
  readonly bigrams: (Set<string> | undefined)[];
  readonly memo = new Map<number, (string | null | undefined)[]>();
  readonly rank: Record<'agent' | 'customer', { of: number[]; count: number }>;
  readonly timed: boolean;

  constructor(readonly t: Transcript) {
    const n = t.turns.length;
    this.match = new Array(n);
    this.nlu = new Array(n);
    this.bigrams = new Array(n);
    const rank = {
      agent: { of: new Array<number>(n).fill(-1), count: 0 },
      customer: { of: new Array<number>(n).fill(-1), count: 0 },
    };
    t.turns.forEach((turn, i) => {
      if (turn.speaker === 'agent' || turn.speaker === 'customer')
        rank[turn.speaker].of[i] = rank[turn.speaker].count++;
    });
    this.rank = rank;
    this.timed =
      n > 0 &&
      t.turns.every(
        (turn) => turn.speaker === 'system' || (turn.at !== undefined && !Number.isNaN(Date.parse(turn.at))),
      );
  }

  text(i: number): MatchText {
    let m = this.match[i];
    if (!m) {
      m = matchText(this.t.turns[i]?.text ?? '');
      this.match[i] = m;
    }
    return m;
  }

  analysis(i: number): NluAnalysis | null {
    let a = this.nlu[i];
    if (a === undefined) {
      const text = (this.t.turns[i]?.text ?? '').slice(0, NLU_MAX_TEXT);
      a = text.trim() ? analyze(text) : null;
      this.nlu[i] = a;
    }
    return a;
  }

  bigramsOf(i: number): Set<string> {
    let b = this.bigrams[i];
    if (!b) {
      b = bigramsOfFolded(this.text(i).compact);
      this.bigrams[i] = b;
    }
    return b;
  }
}

/** A condition compiled: answers "does turn i meet it?" with the evidence, or null. */
type Evaluate = (run: Run, i: number) => string | null;

interface Node {
  eval: Evaluate;
  /** Holds on every turn or none (channel, timestamps, complaint, events). */
  transcriptLevel: boolean;
  /** Relates to where a turn stands (speaker, position, after/before) rather than what it says. */
  structural: boolean;
}

let nextNodeId = 0;

function memoised(evaluate: Evaluate): Evaluate {
  const id = nextNodeId++;
  return (run, i) => {
    let answers = run.memo.get(id);
    if (!answers) {
      answers = new Array(run.t.turns.length);
      run.memo.set(id, answers);
    }
    let a = answers[i];
    if (a === undefined) {
      a = evaluate(run, i);
      answers[i] = a;
    }
    return a;
  };
}

interface Span {
  start: number;
  end: number;
}

function spans(re: RegExp, s: string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (const m of s.matchAll(re)) out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  return out;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Matches of `re` sentence by sentence (see firstMatch). */
function sentenceSpans(re: RegExp, t: MatchText): Span[] {
  const n = t.sentence.length;
  if (n === 0 || t.sentence[0] === t.sentence[n - 1]) return spans(re, t.compact);
  const out: Span[] = [];
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && t.sentence[end] === t.sentence[start]) end++;
    for (const x of spans(re, t.compact.slice(start, end))) out.push({ start: x.start + start, end: x.end + start });
    start = end;
  }
  return out;
}

/**
 * First match of `re` on the turn not overlapped by a match of `except`. An exception reaches no further
 * than its sentence (请勿泄露给他人。您卡背面三位数是多少？ is a request).
 */
function firstMatch(run: Run, i: number, re: RegExp, except: RegExp | undefined, sentence = false): Span | undefined {
  const t = run.text(i);
  const hits = sentence ? sentenceSpans(re, t) : spans(re, t.compact);
  if (hits.length === 0) return undefined;
  const excluded = except ? sentenceSpans(except, t) : [];
  return hits.find((h) => h.end > h.start && !excluded.some((x) => overlaps(h, x)));
}

const patternOf = (words: readonly string[]) =>
  new RegExp(
    words
      .map(entryPattern)
      .filter((p) => p.length > 0)
      .join('|') || '(?!)',
    'gu',
  );

function compile(c: Condition): Node {
  const content = (evaluate: Evaluate): Node => ({
    eval: memoised(evaluate),
    transcriptLevel: false,
    structural: false,
  });
  const structural = (evaluate: Evaluate): Node => ({
    eval: memoised(evaluate),
    transcriptLevel: false,
    structural: true,
  });
  const whole = (holds: (run: Run) => string | null): Node => {
    const cache = new WeakMap<Run, string | null>();
    return {
      eval: (run) => {
        let v = cache.get(run);
        if (v === undefined) {
          v = holds(run);
          cache.set(run, v);
        }
        return v;
      },
      transcriptLevel: true,
      structural: true,
    };
  };
  switch (c.op) {
    case 'and': {
      const kids = c.all.map(compile);
      return {
        eval: memoised((run, i) => {
          const evidence: string[] = [];
          for (const k of kids) {
            const e = k.eval(run, i);
            if (e === null) return null;
            if (e && !evidence.includes(e)) evidence.push(e);
          }
          return evidence.join(' … ');
        }),
        transcriptLevel: kids.every((k) => k.transcriptLevel),
        structural: kids.every((k) => k.structural),
      };
    }
    case 'or': {
      const kids = c.any.map(compile);
      return {
        eval: memoised((run, i) => {
          for (const k of kids) {
            const e = k.eval(run, i);
            if (e !== null) return e;
          }
          return null;
        }),
        transcriptLevel: kids.every((k) => k.transcriptLevel),
        structural: kids.every((k) => k.structural),
      };
    }
    case 'not': {
      const kid = compile(c.cond);
      return {
        eval: memoised((run, i) => (kid.eval(run, i) === null ? '' : null)),
        transcriptLevel: kid.transcriptLevel,
        structural: kid.structural,
      };
    }
    case 'keyword': {
      const except = c.except?.length ? patternOf(c.except) : undefined;
      if (c.mode === 'all') {
        const each = c.words.map((w) => patternOf([w]));
        return content((run, i) => {
          const found: string[] = [];
          for (const re of each) {
            const s = firstMatch(run, i, re, except);
            if (!s) return null;
            found.push(originalSpan(run.text(i), s.start, s.end));
          }
          return found.join(' … ');
        });
      }
      const re = patternOf(c.words);
      if (c.mode === 'none') return content((run, i) => (firstMatch(run, i, re, except) ? null : ''));
      return content((run, i) => {
        const s = firstMatch(run, i, re, except);
        return s ? originalSpan(run.text(i), s.start, s.end) : null;
      });
    }
    case 'regex': {
      const re = new RegExp(c.pattern, 'gu');
      const except = c.except ? new RegExp(c.except, 'gu') : undefined;
      const sentence = c.sentence === true;
      return content((run, i) => {
        const s = firstMatch(run, i, re, except, sentence);
        return s ? originalSpan(run.text(i), s.start, s.end) : null;
      });
    }
    case 'similar': {
      const refs = c.refs.map((r) => bigramsOfFolded(foldEntry(r)));
      const threshold = c.threshold ?? 0.5;
      return content((run, i) => {
        const b = run.bigramsOf(i);
        return refs.some((r) => bigramJaccard(r, b) >= threshold) ? (run.t.turns[i]?.text ?? '') : null;
      });
    }
    case 'intent': {
      const min = c.minConfidence ?? 0.5;
      return content((run, i) => {
        const a = run.analysis(i);
        if (!a || a.confidence < min) return null;
        const ok = (c.intents?.includes(a.intent) ?? false) || (c.types?.includes(a.type) ?? false);
        return ok ? (run.t.turns[i]?.text ?? '') : null;
      });
    }
    case 'emotion': {
      // The NLU's levels: elevated from 0.4, high from 0.7 (nlu/emotion.ts), on anger, anxiety or either.
      const floor = c.min === 'high' ? 0.7 : 0.4;
      const kind = c.kind ?? 'any';
      return content((run, i) => {
        const a = run.analysis(i);
        if (!a) return null;
        const peak =
          kind === 'anger'
            ? a.emotion.anger
            : kind === 'anxiety'
              ? a.emotion.anxiety
              : Math.max(a.emotion.anger, a.emotion.anxiety);
        return peak >= floor ? (run.t.turns[i]?.text ?? '') : null;
      });
    }
    case 'full_number': {
      const kinds = c.kinds ?? ['card', 'id'];
      const KIND_NAME = { card: '卡号', id: '身份证号' } as const;
      return content((run, i) => {
        const turn = run.t.turns[i];
        const t = run.text(i);
        const n = findFullNumbers(t, kinds)[0];
        if (n) return originalSpan(t, n.start, n.end);
        // Written in full, masked before it was stored.
        const stored = turn?.fullNumbers?.find((k) => kinds.includes(k));
        if (stored) return `[完整${KIND_NAME[stored]}, 已脱敏存储] ${clip(turn?.text ?? '')}`;
        // Begun in the speaker's previous turn (the customer's 嗯 may come in between).
        for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
          const prev = run.t.turns[j];
          if (prev?.speaker !== turn?.speaker) continue;
          const joined = findJoinedNumber(run.text(j), t, kinds);
          return joined ? `${run.t.turns[j]?.text ?? ''} … ${originalSpan(t, joined.start, joined.end)}` : null;
        }
        return null;
      });
    }
    case 'speaker':
      return structural((run, i) => (run.t.turns[i]?.speaker === c.speaker ? '' : null));
    case 'position':
      return structural((run, i) => {
        const r = run.rank[c.speaker];
        const k = r.of[i] ?? -1;
        if (k < 0) return null;
        if (c.first !== undefined && k < c.first) return '';
        if (c.last !== undefined && k >= r.count - c.last) return '';
        return null;
      });
    case 'after':
    case 'before': {
      const kid = compile(c.cond);
      const within = c.within ?? Number.POSITIVE_INFINITY;
      const dir = c.op === 'after' ? -1 : 1;
      return structural((run, i) => {
        for (let j = i + dir, steps = 1; j >= 0 && j < run.t.turns.length && steps <= within; j += dir, steps++) {
          if (kid.eval(run, j) !== null) return '';
        }
        return null;
      });
    }
    case 'channel':
      return whole((run) => (run.t.channel === c.channel ? '' : null));
    case 'timed':
      return whole((run) => (run.timed ? '' : null));
    case 'complaint':
      return whole((run) => (run.t.complaint ? '' : null));
    case 'reply_gap':
      return content((run, i) => {
        const turns = run.t.turns;
        const turn = turns[i];
        if (!run.timed || turn?.speaker !== 'customer') return null;
        // Before the agent's first turn the customer waited in the queue or with the assistant, not for them.
        if (!turns.slice(0, i).some((t) => t.speaker === 'agent')) return null;
        for (let j = i + 1; j < turns.length; j++) {
          const next = turns[j];
          if (next?.speaker !== 'agent') continue;
          const gap = (Date.parse(next.at ?? '') - Date.parse(turn.at ?? '')) / 1000;
          return gap > c.overSeconds ? `${clip(turn.text)} (${Math.round(gap)} s)` : null;
        }
        return null;
      });
    case 'event':
      return whole((run) => {
        const e = (run.t.events ?? []).find(
          (ev) =>
            ev.kind === c.kind &&
            (c.levelBelow === undefined ||
              VERIFICATION_LEVELS.indexOf(ev.level ?? 'none') < VERIFICATION_LEVELS.indexOf(c.levelBelow)) &&
            (c.disclosed === undefined || (ev.disclosed ?? false) === c.disclosed) &&
            (c.packet === undefined || (ev.packet ?? false) === c.packet),
        );
        if (!e) return null;
        return [e.note ?? e.kind, e.level ? `level ${e.level}` : '', e.at ?? ''].filter(Boolean).join(' · ');
      });
  }
}

/** The structural part of a condition (speaker, position, after/before): where a missing phrase was due. */
function skeleton(c: Condition): Condition | undefined {
  if (['speaker', 'position', 'after', 'before'].includes(c.op)) return c;
  if (c.op === 'and') {
    const kept = c.all.map(skeleton).filter((k): k is Condition => k !== undefined);
    return kept.length > 0 ? { op: 'and', all: kept } : undefined;
  }
  return undefined;
}

interface CompiledItem {
  item: ScorecardItem;
  condition: Node;
  applies: Node | undefined;
  due: Node | undefined;
}

export interface CompiledScorecard {
  readonly definition: ScorecardDefinition;
  readonly items: readonly CompiledItem[];
}

/** Compiles a validated scorecard once; inspect any number of transcripts with it. */
export function compileScorecard(definition: ScorecardDefinition): CompiledScorecard {
  return {
    definition,
    items: definition.items.map((item) => {
      const due = skeleton(item.condition);
      return {
        item,
        condition: compile(item.condition),
        applies: item.appliesWhen ? compile(item.appliesWhen) : undefined,
        due: due ? compile(due) : undefined,
      };
    }),
  };
}

const inScope = (scope: ScorecardItem['speaker'], speaker: Speaker) =>
  speaker !== 'system' && (scope === 'any' || scope === speaker);

function evaluateItem(run: Run, c: CompiledItem): Finding {
  const { item } = c;
  const turns = run.t.turns;
  const na: Finding = { item: item.code, result: 'n/a', turn: null, evidence: '' };
  if (c.applies) {
    let applies = false;
    for (let i = 0; i < turns.length && !applies; i++) applies = c.applies.eval(run, i) !== null;
    if (!applies) return na;
  }
  const scoped: number[] = [];
  turns.forEach((t, i) => {
    if (inScope(item.speaker, t.speaker)) scoped.push(i);
  });
  if (scoped.length === 0) return na;
  for (const i of scoped) {
    const e = c.condition.eval(run, i);
    if (e === null) continue;
    const evidence = clip(e || (turns[i]?.text ?? ''));
    return item.expect === 'present'
      ? { item: item.code, result: 'pass', turn: i, evidence }
      : { item: item.code, result: 'fail', turn: i, evidence };
  }
  if (item.expect === 'absent') return { item: item.code, result: 'pass', turn: null, evidence: '' };
  // Missing: point at the turn where it was due (the first agent turn for a greeting, the last for a closing).
  let due: number | null = null;
  if (c.due) for (const i of scoped) if (c.due.eval(run, i) !== null) due = i;
  return { item: item.code, result: 'fail', turn: due, evidence: due === null ? '' : clip(turns[due]?.text ?? '') };
}

/** Score: the weight of passed items over the weight of applicable ones, 0–100; a failed fatal item makes it 0. */
export function scoreFindings(
  definition: ScorecardDefinition,
  findings: readonly Finding[],
): { score: number; passed: boolean; fatal: boolean } {
  const byCode = new Map(definition.items.map((i) => [i.code, i]));
  let total = 0;
  let got = 0;
  let fatal = false;
  let critical = false;
  for (const f of findings) {
    const item = byCode.get(f.item);
    if (!item || f.result === 'n/a') continue;
    total += item.weight;
    if (f.result === 'pass') got += item.weight;
    else if (item.severity === 'fatal') fatal = true;
    else if (item.severity === 'critical') critical = true;
  }
  const score = fatal ? 0 : total === 0 ? 100 : Math.round((1000 * got) / total) / 10;
  return { score, passed: !fatal && !critical && score >= definition.passScore, fatal };
}

/** Inspects one transcript with every item of the scorecard. */
export function inspect(scorecard: CompiledScorecard, transcript: Transcript): InspectionResult {
  const run = new Run(transcript);
  const findings = scorecard.items.map((c) => evaluateItem(run, c));
  return { id: transcript.id, ...scoreFindings(scorecard.definition, findings), findings };
}

/** Inspects only the items that guard drafts, on one draft as an agent turn (see guard.ts). */
export function inspectDraft(scorecard: CompiledScorecard, channel: 'phone' | 'chat', text: string): Finding[] {
  const run = new Run({ id: 'draft', channel, turns: [{ speaker: 'agent', text }] });
  return scorecard.items.filter((c) => c.item.guard).map((c) => evaluateItem(run, c));
}
