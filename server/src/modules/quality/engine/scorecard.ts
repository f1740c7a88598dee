/**
 * A scorecard as the QA lead edits it (stored as JSON, one row per version): items with a code, weight,
 * severity, speaker scope and a condition tree. The schema is the one place that says what a rule may be.
 *
 * Conditions are evaluated on one turn of the transcript at a time; combinators (and / or / not) combine
 * them on the same turn. Position operators relate a turn to the others (first / last N turns of a speaker,
 * after / before a turn that meets another condition); transcript operators (channel, timestamps,
 * complaint, contact events) hold on every turn or on none.
 */
import { z } from 'zod';

export const SEVERITIES = ['normal', 'critical', 'fatal'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SPEAKER_SCOPES = ['agent', 'customer', 'any'] as const;
export type SpeakerScope = (typeof SPEAKER_SCOPES)[number];

const words = z.array(z.string().min(1).max(60)).min(1).max(500);

export type Condition =
  | { op: 'and'; all: Condition[] }
  | { op: 'or'; any: Condition[] }
  | { op: 'not'; cond: Condition }
  | { op: 'keyword'; mode: 'any' | 'all' | 'none'; words: string[]; except?: string[] | undefined }
  | { op: 'regex'; pattern: string; except?: string | undefined; sentence?: boolean | undefined }
  | { op: 'similar'; refs: string[]; threshold?: number | undefined }
  | { op: 'intent'; intents?: string[] | undefined; types?: string[] | undefined; minConfidence?: number | undefined }
  | { op: 'emotion'; min: 'elevated' | 'high'; kind?: 'anger' | 'anxiety' | 'any' | undefined }
  | { op: 'full_number'; kinds?: ('card' | 'id')[] | undefined }
  | { op: 'speaker'; speaker: 'agent' | 'customer' }
  | { op: 'position'; speaker: 'agent' | 'customer'; first?: number | undefined; last?: number | undefined }
  | { op: 'after'; cond: Condition; within?: number | undefined }
  | { op: 'before'; cond: Condition; within?: number | undefined }
  | { op: 'channel'; channel: 'phone' | 'chat' }
  | { op: 'timed' }
  | { op: 'complaint' }
  | { op: 'reply_gap'; overSeconds: number }
  | {
      op: 'event';
      kind: 'data_read' | 'installment_accepted' | 'transfer' | 'promise';
      /** data_read: read while the contact was verified below this level. */
      levelBelow?: 'basic' | 'strong' | undefined;
      /** installment_accepted: with (true) or without (false) the disclosure shown and agreed. */
      disclosed?: boolean | undefined;
      /** transfer: with (true) or without (false) a hand-over packet. */
      packet?: boolean | undefined;
    };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('and'), all: z.array(conditionSchema).min(1) }),
    z.object({ op: z.literal('or'), any: z.array(conditionSchema).min(1) }),
    z.object({ op: z.literal('not'), cond: conditionSchema }),
    z.object({
      op: z.literal('keyword'),
      mode: z.enum(['any', 'all', 'none']),
      words,
      except: z.array(z.string().min(1).max(60)).max(500).optional(),
    }),
    z.object({
      op: z.literal('regex'),
      pattern: z.string().min(1).max(6000).refine(validRegex, 'invalid regular expression'),
      except: z.string().min(1).max(6000).refine(validRegex, 'invalid regular expression').optional(),
      /** Match within one sentence (up to 。！？；or a line break), not across them. */
      sentence: z.boolean().optional(),
    }),
    z.object({
      op: z.literal('similar'),
      refs: z.array(z.string().min(1).max(200)).min(1).max(100),
      threshold: z.number().min(0.05).max(1).optional(),
    }),
    z.object({
      op: z.literal('intent'),
      intents: z.array(z.string().min(1)).min(1).optional(),
      types: z.array(z.string().min(1)).min(1).optional(),
      minConfidence: z.number().min(0).max(1).optional(),
    }),
    z.object({
      op: z.literal('emotion'),
      min: z.enum(['elevated', 'high']),
      kind: z.enum(['anger', 'anxiety', 'any']).optional(),
    }),
    z.object({
      op: z.literal('full_number'),
      kinds: z
        .array(z.enum(['card', 'id']))
        .min(1)
        .optional(),
    }),
    z.object({ op: z.literal('speaker'), speaker: z.enum(['agent', 'customer']) }),
    z.object({
      op: z.literal('position'),
      speaker: z.enum(['agent', 'customer']),
      first: z.number().int().min(1).max(100).optional(),
      last: z.number().int().min(1).max(100).optional(),
    }),
    z.object({ op: z.literal('after'), cond: conditionSchema, within: z.number().int().min(1).max(100).optional() }),
    z.object({ op: z.literal('before'), cond: conditionSchema, within: z.number().int().min(1).max(100).optional() }),
    z.object({ op: z.literal('channel'), channel: z.enum(['phone', 'chat']) }),
    z.object({ op: z.literal('timed') }),
    z.object({ op: z.literal('complaint') }),
    z.object({ op: z.literal('reply_gap'), overSeconds: z.number().int().min(1).max(86_400) }),
    z.object({
      op: z.literal('event'),
      kind: z.enum(['data_read', 'installment_accepted', 'transfer', 'promise']),
      levelBelow: z.enum(['basic', 'strong']).optional(),
      disclosed: z.boolean().optional(),
      packet: z.boolean().optional(),
    }),
  ]),
);

function validRegex(p: string): boolean {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}

export const itemSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,49}$/),
  title: z.string().min(1).max(100),
  weight: z.number().int().min(0).max(100),
  severity: z.enum(SEVERITIES),
  /** Whose turns the item looks at. */
  speaker: z.enum(SPEAKER_SCOPES),
  /** `present`: some turn in scope must meet the condition; `absent`: none may. */
  expect: z.enum(['present', 'absent']),
  condition: conditionSchema,
  /** When it applies at all (some turn meets it); otherwise the item is not applicable. */
  appliesWhen: conditionSchema.optional(),
  /** Also checked on an agent's draft before it is sent (the real-time guard); only `absent` items. */
  guard: z.boolean().optional(),
});
export type ScorecardItem = z.infer<typeof itemSchema>;

export const scorecardSchema = z
  .object({
    /** The pass mark, 0–100; a failed critical or fatal item fails the contact whatever the score. */
    passScore: z.number().int().min(0).max(100),
    items: z.array(itemSchema).min(1).max(100),
  })
  .refine((s) => new Set(s.items.map((i) => i.code)).size === s.items.length, 'item codes must be unique')
  .refine((s) => s.items.some((i) => i.weight > 0), 'at least one item must carry weight')
  .refine((s) => s.items.every((i) => !i.guard || i.expect === 'absent'), 'only absent items can guard a draft');
export type ScorecardDefinition = z.infer<typeof scorecardSchema>;
