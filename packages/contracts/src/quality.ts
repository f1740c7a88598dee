import { z } from 'zod';
import { calendarDateSchema, instantSchema } from './common.ts';

/** Quality inspection (质检, server/src/modules/quality): the shapes its routes take and answer. */

export const findingResultSchema = z.enum(['pass', 'fail', 'n/a']);

export const qaFindingSchema = z.object({
  id: z.string(),
  item: z.string(),
  severity: z.string(),
  weight: z.number(),
  autoResult: findingResultSchema,
  result: findingResultSchema,
  /** The turn that decided it (index into the transcript), when one did. */
  turn: z.number().int().nullable(),
  /** The text that decided it, to highlight in the turn. */
  evidence: z.string(),
  review: z.enum(['confirmed', 'overturned']).nullable(),
  reviewNote: z.string().nullable(),
});

export const qaInspectionSchema = z.object({
  id: z.string(),
  contactId: z.string().nullable(),
  externalId: z.string().nullable(),
  scorecardVersionId: z.string(),
  agentId: z.string().nullable(),
  agentNo: z.string().nullable(),
  channel: z.string(),
  week: z.string(),
  complaint: z.boolean(),
  autoScore: z.number(),
  score: z.number(),
  passed: z.boolean(),
  fatal: z.boolean(),
  status: z.enum(['auto', 'queued', 'reviewed', 'released']),
  sampleReasons: z.array(z.string()),
  createdAt: instantSchema,
  findings: z.array(qaFindingSchema),
});
export type QaInspection = z.infer<typeof qaInspectionSchema>;

export const qaAppealSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  findingId: z.string(),
  item: z.string(),
  agentId: z.string(),
  comment: z.string(),
  status: z.enum(['open', 'reinspected', 'final']),
  inspectorDecision: z.enum(['upheld', 'overturned']).nullable(),
  inspectorNote: z.string().nullable(),
  finalDecision: z.enum(['upheld', 'overturned']).nullable(),
  finalNote: z.string().nullable(),
  createdAt: instantSchema,
});
export type QaAppeal = z.infer<typeof qaAppealSchema>;

export const qaTurnSchema = z.object({
  speaker: z.enum(['agent', 'customer', 'system']),
  text: z.string(),
  at: z.string().optional(),
});

/** An inspection with the transcript it was scored on and the titles of the scorecard's items. */
export const qaInspectionDetailSchema = qaInspectionSchema.extend({
  turns: z.array(qaTurnSchema),
  items: z.array(z.object({ code: z.string(), title: z.string() })),
  appeals: z.array(qaAppealSchema),
});
export type QaInspectionDetail = z.infer<typeof qaInspectionDetailSchema>;

export const reviewFindingSchema = z.object({
  decision: z.enum(['confirm', 'overturn']),
  note: z.string().max(1000).optional(),
});

export const appealDecisionSchema = z.object({
  decision: z.enum(['upheld', 'overturned']),
  note: z.string().trim().min(2).max(2000),
});

export const appealsQuerySchema = z.object({ status: z.enum(['open', 'reinspected', 'final']).optional() });

export const qaTrendPointSchema = z.object({ week: z.string(), count: z.number().int(), average: z.number() });

export const myQaResultsSchema = z.object({
  inspections: z.array(qaInspectionSchema),
  trend: z.array(qaTrendPointSchema),
  appeals: z.array(qaAppealSchema),
});

/**
 * A scorecard definition (items, weights, severity, speaker scope, conditions): checked by the server's
 * rule schema (server/src/modules/quality/engine/scorecard.ts), which answers QA_SCORECARD_INVALID with
 * the paths at fault; carried here as a JSON document.
 */
export const scorecardDefinitionSchema = z.record(z.string(), z.unknown());

export const scorecardVersionSchema = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'published', 'retired']),
  definition: scorecardDefinitionSchema,
  createdBy: z.string().nullable(),
  createdAt: instantSchema,
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

export const scorecardSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  versions: z.array(scorecardVersionSchema),
});

export const createScorecardSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  name: z.string().trim().min(1).max(100),
  definition: scorecardDefinitionSchema,
});

export const calibrationReportSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  /** The lead whose scores are the reference, by display name from the staff directory. */
  leadId: z.string(),
  leadName: z.string(),
  inspectors: z.array(
    z.object({
      inspectorId: z.string(),
      name: z.string(),
      compared: z.number(),
      differ: z.number(),
      deviation: z.number(),
    }),
  ),
  items: z.array(
    z.object({ item: z.string(), title: z.string(), compared: z.number(), differ: z.number(), deviation: z.number() }),
  ),
});

export const calibrationRoundSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  leadId: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: instantSchema,
  closedAt: z.string().nullable(),
  /** Whether the caller has sent results. */
  submitted: z.boolean(),
});

export const guardDraftSchema = z.object({
  channel: z.enum(['phone', 'chat']),
  text: z.string().max(4000),
});

export const guardVerdictSchema = z.object({
  warnings: z.array(
    z.object({
      item: z.string(),
      title: z.string(),
      severity: z.string(),
      evidence: z.string(),
      blocking: z.boolean(),
    }),
  ),
  blocked: z.boolean(),
});
export type GuardVerdictView = z.infer<typeof guardVerdictSchema>;

/**
 * Which automatic results a person reviews (issue 19 §4), set by the QA lead: every fatal, every failed
 * critical item, every score below the threshold (0: off), every complaint, and a random share of each
 * agent's results per week (0–1; topped up when the week is over, rounded up).
 */
export const qaSamplingRulesSchema = z.object({
  fatal: z.boolean(),
  critical: z.boolean(),
  scoreBelow: z.number().min(0).max(100),
  complaint: z.boolean(),
  randomShare: z.number().min(0).max(1),
});

export const qaStatsQuerySchema = z.object({
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
});

const groupStats = {
  inspections: z.number().int(),
  average: z.number(),
  passRate: z.number(),
  fatal: z.number().int(),
};

export const qaStatsSchema = z.object({
  items: z.array(
    z.object({
      item: z.string(),
      title: z.string(),
      applicable: z.number().int(),
      failed: z.number().int(),
      failRate: z.number(),
      /** Findings a reviewer confirmed or overturned, and the share overturned (0–1). */
      reviewed: z.number().int(),
      reviewOverturned: z.number().int(),
      reviewOverturnRate: z.number(),
      /** Findings appealed and ruled on, and the share the final ruling overturned (0–1). */
      appeals: z.number().int(),
      appealsOverturned: z.number().int(),
      appealOverturnRate: z.number(),
    }),
  ),
  agents: z.array(
    z.object({ agentId: z.string(), agentNo: z.string().nullable(), name: z.string().nullable(), ...groupStats }),
  ),
  teams: z.array(z.object({ team: z.string(), name: z.string(), ...groupStats })),
});
export type QaStats = z.infer<typeof qaStatsSchema>;
