import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import type { AppEnv } from './env.js';

/** One status per error code: a new ErrorCode without a status here does not compile. */
export const HTTP_STATUS = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

export type ErrorBody = {
  error: { code: ErrorCode; message: string; details: Record<string, unknown>; requestId: string };
};

export function errorResponse(c: Context<AppEnv>, error: AppError): Response {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      details: { ...error.details },
      requestId: c.get('requestId'),
    },
  };
  const retryAfter = error.details['retryAfterSeconds'];
  if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
  return c.json(body, HTTP_STATUS[error.code]);
}

const HTTP_EXCEPTION_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * The single error handler. Expected failures keep their message; anything else is logged
 * with its stack and answered as a bare 500 that names only the request id.
 */
export function handleError(error: unknown, c: Context<AppEnv>): Response {
  if (error instanceof AppError) return errorResponse(c, error);
  if (error instanceof HTTPException) {
    const code = HTTP_EXCEPTION_CODES[error.status];
    if (code !== undefined) {
      const message =
        error.message === 'Malformed JSON in request body'
          ? 'The request body is not valid JSON; send a JSON object with Content-Type: application/json.'
          : error.message || 'The request was refused.';
      return errorResponse(c, new AppError(code, message));
    }
  }
  if (isUnstorableText(error)) {
    // PostgreSQL refuses NUL (and untranslatable characters) in text: the input is at fault, and
    // the transaction was rolled back, so nothing was written.
    return errorResponse(
      c,
      new AppError(
        'INVALID_INPUT',
        'The request contains a NUL or otherwise unstorable character; remove it.',
      ),
    );
  }
  c.get('logger')?.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
  return errorResponse(
    c,
    new AppError('INTERNAL', 'Something went wrong on our side; quote the request id if you report it.'),
  );
}

/** A zod issue as clients see it: where, what was sent, what is allowed. */
export type FieldIssue = { path: string; value: unknown; message: string; allowed?: readonly unknown[] };

export function describeZodError(error: ZodError, input: unknown): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        value: valueAt(input, [...issue.path, key]),
        message: 'unknown key; remove it (check the spelling against the API schema)',
      }));
    }
    const allowed = issue.code === 'invalid_value' ? issue.values : undefined;
    return [
      {
        path: formatPath(issue.path),
        value: valueAt(input, issue.path),
        message: issue.message,
        ...(allowed ? { allowed } : {}),
      },
    ];
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(body)' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return clip(current);
}

/** Long values are cut so that an error never echoes a megabyte back. */
function clip(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    if (text.length <= 200) return value;
    return Array.isArray(value)
      ? `(a list of ${value.length} items)`
      : `(an object with keys ${Object.keys(value).slice(0, 10).join(', ')})`;
  }
  return value;
}

/** SQLSTATE 22021 (invalid byte sequence, e.g. NUL) or 22P05 (untranslatable character), however wrapped. */
function isUnstorableText(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Object && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '22021' || code === '22P05') return true;
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /invalid byte sequence for encoding|unsupported Unicode escape sequence|\\u0000 cannot be converted/.test(
        message,
      )
    )
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
