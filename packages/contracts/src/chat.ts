import { z } from 'zod';
import { contactStatusSchema, contactTurnSchema } from './contacts.ts';

/**
 * The card holder's chat API responses (server/src/modules/chat): identify with phone + one-time code,
 * then talk to the chat assistant and, when handed over, to an agent. The turns are the contact's transcript turns. The server serialises through
 * these schemas; the customer's chat page reads the types inferred from them.
 */

export const chatOtpSentSchema = z.object({ sent: z.literal(true), expiresInSeconds: z.number() });
export type ChatOtpSent = z.infer<typeof chatOtpSentSchema>;

/** A short-lived chat token bound to one new chat contact. */
export const chatSessionSchema = z.object({ token: z.string(), expiresAt: z.string(), contactId: z.string() });
export type ChatSession = z.infer<typeof chatSessionSchema>;

/** What the customer sees: the conversation and whether someone has picked it up (never internal data). */
export const chatStateSchema = z.object({
  contactId: z.string(),
  status: contactStatusSchema,
  agentNo: z.string().nullable(),
  /** True while the chat assistant answers (before any hand-over to a person). */
  assistant: z.boolean().optional(),
  turns: z.array(contactTurnSchema),
  /** The assistant's answers (their seq) the customer reported as wrong in this chat. */
  reported: z.array(z.number().int()).optional(),
});
export type ChatState = z.infer<typeof chatStateSchema>;

export const chatEndedSchema = z.object({ ended: z.literal(true) });
export type ChatEnded = z.infer<typeof chatEndedSchema>;
