// JSON error answers of the API ({ error: { code, message, issues? } }) and the mapping of Fastify's own errors to
// them. Never echoes a request body or a sent value back; a 500 is kept for real bugs, never for bad input.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { isAppError } from '../src/domain/errors.ts';
import type { ErrorBody, WireErrorCode, WireIssue } from '../src/domain/protocol.ts';

/** What the device is told to wait when the storage is down (seconds, for Retry-After). */
export const STORAGE_RETRY_AFTER_S = 30;
const MAX_ISSUES = 50;
// Stryker disable next-line StringLiteral: Fastify gives a JSON body this very type when none is set.
const JSON_TYPE = 'application/json; charset=utf-8';

export const errorBody = (code: WireErrorCode, message: string, issues?: WireIssue[]): ErrorBody => ({
  error: issues ? { code, message, issues } : { code, message },
});

export const sendError = (
  reply: FastifyReply,
  status: number,
  code: WireErrorCode,
  message: string,
  issues?: WireIssue[],
): FastifyReply =>
  reply
    .code(status)
    .type(JSON_TYPE)
    .send(errorBody(code, message, issues));

const dottedPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key) => (typeof key === 'symbol' ? '?' : String(key))).join('.');

/**
 * zod issues as `{ path, message }`. zod's messages name what was expected, never the value received; the one kind
 * that quotes the sender's text (unknown keys) gets a fixed sentence instead.
 */
export const toWireIssues = (issues: readonly z.core.$ZodIssue[]): WireIssue[] =>
  issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: dottedPath(issue.path),
    message: issue.code === 'unrecognized_keys' ? 'has a field this server does not know' : issue.message,
  }));

type FastifyLikeError = Partial<FastifyError> & { statusCode?: number };

/** The one error handler: maps thrown errors (parser, limits, storage) to the JSON error answers. */
export const handleError = (error: FastifyLikeError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
  if (isAppError(error, 'storage-unavailable')) {
    request.log.error({ err: error.cause ?? error }, 'storage unavailable');
    reply.header('Retry-After', String(STORAGE_RETRY_AFTER_S));
    return sendError(reply, 503, 'storage-unavailable', 'The server cannot store reports right now; try again later.');
  }
  const status = error.statusCode ?? 500;
  switch (true) {
    case status === 429:
      // @fastify/rate-limit has already set Retry-After.
      return sendError(reply, 429, 'rate-limited', 'Too many requests; wait for the time in Retry-After.');
    case status === 413:
      return sendError(reply, 413, 'too-large', 'The request body is larger than this server accepts.');
    case status === 415:
      return sendError(reply, 415, 'unsupported-media-type', 'Send the body as JSON (Content-Type: application/json).');
    case status === 400 && (error.code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError):
      return sendError(reply, 400, 'invalid-json', 'The request body is not valid JSON.');
    case status >= 400 && status < 500:
      // Other client errors Fastify raises (bad URL, header too long...): a plain message of our own.
      return sendError(reply, status, 'invalid', 'The request could not be understood.');
    default:
      request.log.error({ err: error }, 'unexpected error');
      return sendError(reply, 500, 'server-error', 'The server had an unexpected problem.');
  }
};
