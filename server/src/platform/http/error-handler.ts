import type { ErrorCode } from '@carddesk/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, localeFrom, messageFor } from '../errors.ts';

/** Fastify's own error codes for request bodies, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_JSON',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_NOT_FOUND: 'ROUTE_NOT_FOUND',
  FST_ERR_BAD_URL: 'BAD_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'BAD_URL',
};

/**
 * The one error handler: an AppError becomes `{ error: { code, message } }` in the caller's language;
 * anything unexpected becomes INTERNAL with the request id, and is logged. Raw messages and stacks
 * never reach a client.
 */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const locale = request.locale ?? localeFrom(request.headers['accept-language']);
  let code: ErrorCode;
  let status: number;
  let details: unknown;

  if (error instanceof AppError) {
    code = error.code;
    status = error.status;
    details = error.details;
    if (status >= 500) request.log.error({ err: error }, 'service error');
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    code = 'VALIDATION_FAILED';
    status = 400;
    details = error.validation.map((v) => ({
      path: `${error.validationContext ?? ''}${v.instancePath}`,
      message: v.message,
    }));
  } else if (isResponseSerializationError(error)) {
    code = 'INTERNAL';
    status = 500;
    request.log.error({ err: error }, 'response did not match its schema');
  } else if ('code' in error && typeof error.code === 'string' && FASTIFY_CODES[error.code]) {
    code = FASTIFY_CODES[error.code] as ErrorCode;
    // Bad JSON, wrong types and oversize bodies are all the client's to fix: 400 with a code that says which.
    status = code === 'ROUTE_NOT_FOUND' ? 404 : code === 'UNSUPPORTED_MEDIA_TYPE' ? 415 : 400;
  } else if (error instanceof SyntaxError || ('statusCode' in error && error.statusCode === 400)) {
    code = 'INVALID_JSON';
    status = 400;
  } else if ('statusCode' in error && error.statusCode === 429) {
    code = 'RATE_LIMITED';
    status = 429;
  } else {
    code = 'INTERNAL';
    status = 500;
    request.log.error({ err: error }, 'unhandled error');
  }

  const body: { error: { code: string; message: string; requestId?: string; details?: unknown } } = {
    error: { code, message: messageFor(code, locale) },
  };
  if (status >= 500) body.error.requestId = request.id;
  if (details !== undefined && status < 500) body.error.details = details;
  return reply.status(status).send(body);
}
