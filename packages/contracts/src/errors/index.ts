import { botErrors } from './bot.ts';
import { cardsErrors } from './cards.ts';
import { casesErrors } from './cases.ts';
import { contactsErrors } from './contacts.ts';
import type { ErrorDefinition } from './define.ts';
import { emergencyErrors } from './emergency.ts';
import { knowledgeErrors } from './knowledge.ts';
import { nluErrors } from './nlu.ts';
import { platformErrors } from './platform.ts';
import { qualityErrors } from './quality.ts';

export type { ErrorDefinition } from './define.ts';

/**
 * Every error code CardDesk returns, with its HTTP status and its Chinese and English message.
 * Codes are a public contract: never rename one. Each module keeps its codes in its own file here and
 * is spread in below, so an unknown code does not compile anywhere.
 */
export const errorCatalog = {
  ...platformErrors,
  ...cardsErrors,
  ...contactsErrors,
  ...nluErrors,
  ...casesErrors,
  ...emergencyErrors,
  ...knowledgeErrors,
  ...qualityErrors,
  ...botErrors,
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorCatalog;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalog, code);
}

/** The wire shape of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId?: string; details?: unknown };
}
