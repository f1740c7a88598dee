import { z } from 'zod';
import { botAnswerReportSchema } from '../bot.ts';
import { chatEndedSchema, chatOtpSentSchema, chatSessionSchema, chatStateSchema } from '../chat.ts';
import { contactTurnSchema } from '../contacts.ts';
import { chatEndpoints } from '../endpoints/chat.ts';
import { defineRoutes } from '../http/route.ts';

const phone = z.string().min(5).max(20);

export const chatRoutes = defineRoutes(
  chatEndpoints,
  { tags: ['chat'] },
  {
    // Sign-in: failed attempts count whatever the answer, and a live token is never stored.
    requestOtp: {
      summary: 'Send a one-time code to a registered phone (the answer is the same for any phone)',
      idempotent: false,
      body: z.object({ phone }),
      response: { 200: chatOtpSentSchema },
    },
    openSession: {
      summary: 'Start a chat with phone + one-time code; returns a short-lived chat token',
      idempotent: false,
      body: z.object({
        phone,
        code: z.string().regex(/^\d{6}$/),
        message: z.string().trim().min(1).max(2000).optional(),
      }),
      response: { 201: chatSessionSchema },
    },
    messages: {
      summary: 'The conversation so far (Authorization: Bearer <chat token>)',
      query: z.object({ after: z.coerce.number().int().min(0).default(0) }),
      response: { 200: chatStateSchema },
    },
    send: {
      summary: 'Send a message (plain text)',
      body: z.object({ text: z.string().trim().min(1).max(2000) }),
      response: { 201: contactTurnSchema },
    },
    end: {
      summary: 'End the chat and rate it (1–5, whether the problem was solved, optional comment)',
      body: z.object({
        rating: z.number().int().min(1).max(5).optional(),
        resolved: z.boolean().optional(),
        comment: z.string().trim().max(500).optional(),
      }),
      response: { 200: chatEndedSchema },
    },
    reportAnswer: {
      summary: "Report an answer of the chat assistant as wrong (the customer's thumbs-down; once per answer)",
      params: z.object({ seq: z.coerce.number().int().min(1) }),
      response: { 200: botAnswerReportSchema },
    },
  },
);
