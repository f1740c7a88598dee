import type { ErrorDefinition } from './define.ts';

/** Errors of the chat assistant: agent assist, wrong-answer reports. */
export const botErrors = {
  ASSIST_TURN_NOT_CUSTOMER: {
    status: 404,
    zh: '该条消息不是客户发送的消息',
    en: 'That message is not one of the customer’s',
  },
  BOT_ANSWER_NOT_FOUND: {
    status: 404,
    zh: '该条消息不是智能助手的解答,无法反馈',
    en: 'That message is not an answer of the chat assistant',
  },
} as const satisfies Record<string, ErrorDefinition>;
