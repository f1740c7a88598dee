import { z } from 'zod';
import { botHandoverReasonSchema } from './contacts.ts';

/**
 * The chat assistant's API (server/src/modules/bot): who answers a chat first, the agent assist on each
 * customer message of a chat a person handles, and the assistant's figures for the supervisor.
 */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const channelRoutingSchema = z.object({
  default: z.enum(['bot', 'person']),
  windows: z.array(z.object({ from: hhmm, to: hhmm, mode: z.enum(['bot', 'person']) })).max(24),
});
/**
 * `bot.routing`: who answers first per channel — the assistant (`bot`) or a person — by default and in
 * time windows of Beijing time (`from` inclusive, `to` exclusive; `22:00`–`08:00` runs over midnight).
 */
export const botRoutingSchema = z.object({ chat: channelRoutingSchema, phone: channelRoutingSchema });
export type BotRouting = z.infer<typeof botRoutingSchema>;

/** The desk operation a customer message calls for (the agent opens it; nothing runs by itself). */
export const ASSIST_OPERATIONS = [
  'card.freeze',
  'card.unfreeze',
  'card.activate',
  'emergency.report',
  'limit.change',
  'account.limit',
  'account.statement',
  'account.repayment',
  'account.points',
  'installment.quote',
  'complaint.case',
  'transaction.dispute',
] as const;
export const assistOperationSchema = z.enum(ASSIST_OPERATIONS);
export type AssistOperation = z.infer<typeof assistOperationSchema>;

/**
 * Agent assist for one customer message: what it is about (the NLU), the published FAQ answer to send with
 * one click (or the two the matcher cannot tell apart), and the desk operation it suggests.
 */
export const turnAssistSchema = z.object({
  seq: z.number().int(),
  /** The NLU's reading; `intent` null when the message is not about cards (out of scope) or unreadable. */
  intent: z.string().nullable(),
  type: z.string().nullable(),
  confidence: z.number(),
  /** The customer sounds upset enough to escalate. */
  escalate: z.boolean(),
  answer: z
    .object({
      id: z.string(),
      title: z.string(),
      answer: z.string(),
      source: z.string().nullable(),
      version: z.number().int(),
      confidence: z.number(),
    })
    .nullable(),
  clarify: z.object({ ids: z.array(z.string()), titles: z.array(z.string()) }).nullable(),
  operation: assistOperationSchema.nullable(),
});
export type TurnAssist = z.infer<typeof turnAssistSchema>;

export const botMetricsQuerySchema = z.object({
  /** Bank dates (Asia/Shanghai), inclusive; default the last 30 days. */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

const rating = z.object({ rated: z.number().int(), average: z.number().nullable() });

/**
 * The assistant measured (issue 20 §6), over the chats it started in the period: containment (closed by the
 * assistant, no hand-over, no contact from the same customer within 7 days after), hand-over reasons,
 * the customers' reports of wrong answers, satisfaction of chats the assistant closed against chats a
 * person handled.
 */
export const botMetricsSchema = z.object({
  from: z.string(),
  to: z.string(),
  chats: z.number().int(),
  closedByBot: z.number().int(),
  contained: z.number().int(),
  /** contained ÷ chats (0 without chats). */
  containmentRate: z.number(),
  handedOver: z.number().int(),
  handoverReasons: z.array(z.object({ reason: botHandoverReasonSchema, count: z.number().int() })),
  answers: z.number().int(),
  wrongReports: z.number().int(),
  /** wrongReports ÷ answers (0 without answers). */
  wrongReportRate: z.number(),
  satisfaction: z.object({ bot: rating, person: rating }),
});
export type BotMetrics = z.infer<typeof botMetricsSchema>;

export const botAnswerReportSchema = z.object({ seq: z.number().int(), reported: z.boolean() });
export type BotAnswerReport = z.infer<typeof botAnswerReportSchema>;
