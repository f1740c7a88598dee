import { botEndpoints as bot, chatEndpoints as chat } from '@carddesk/contracts/endpoints';
import { call } from '../app/api.ts';

/**
 * The chat assistant (server/src/modules/bot): agent assist per customer message, the assistant's figures
 * for the supervisor, and the customer's report of a wrong answer.
 */
export type { AssistOperation, BotMetrics, TurnAssist } from '@carddesk/contracts';

export const turnAssist = (contactId: string, seq: number, signal?: AbortSignal) =>
  call(bot.turnAssist, { params: { id: contactId, seq } }, { signal });
export const botMetrics = (query: { from: string; to: string }, signal?: AbortSignal) =>
  call(bot.metrics, { query }, { signal });
export const reportBotAnswer = (token: string, key: string, seq: number) =>
  call(chat.reportAnswer, { params: { seq } }, { idempotencyKey: key, token });
