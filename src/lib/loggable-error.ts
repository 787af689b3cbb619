/**
 * An error as it may be written to a log. Database errors carry the data they were given:
 * Drizzle puts every parameter of the failed statement in its message ("Failed query: ...
 * params: <values>": passwords' hashes, emails, performers' names), PostgreSQL quotes a
 * refused value in its message (`invalid input syntax for type uuid: "..."`) and in `detail`
 * (`Key (email)=(...) already exists`). Logging the error object as is would copy all of
 * that into the logs, so only its type, SQLSTATE code, scrubbed message and stack, and its
 * scrubbed cause are kept.
 */
export type LoggedError = {
  readonly type: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
  readonly cause?: LoggedError;
};

/** Drizzle's message ends with the statement's parameters. */
const QUERY_PARAMS = '\nparams: ';
/** A value PostgreSQL quotes after a colon; quoted names elsewhere (constraints, types) stay. */
const QUOTED_VALUE = /: "(?:[^"]|"")*"/g;

function scrub(message: string): string {
  const params = message.indexOf(QUERY_PARAMS);
  const kept = params === -1 ? message : `${message.slice(0, params)}${QUERY_PARAMS}[redacted]`;
  return kept.replace(QUOTED_VALUE, ': "[redacted]"');
}

/** The stack with its first lines (the unscrubbed message) replaced by the scrubbed one. */
function scrubStack(error: Error, message: string): string | undefined {
  if (error.stack === undefined) return undefined;
  const head = `${error.name}: ${error.message}`;
  const frames = error.stack.startsWith(head)
    ? error.stack.slice(head.length)
    : error.stack
        .split('\n')
        .filter((line) => /^\s+at /.test(line))
        .map((line) => `\n${line}`)
        .join('');
  return `${error.name}: ${message}${frames}`;
}

export function loggableError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: '[not an Error: redacted]' };
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  const message = scrub(error.message);
  const stack = scrubStack(error, message);
  return {
    type: error.name,
    message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(stack !== undefined ? { stack } : {}),
    ...(cause !== undefined && depth < 4 ? { cause: loggableError(cause, depth + 1) } : {}),
  };
}

/** The message alone, scrubbed, cut to `max` characters (job failures keep it in the queue too). */
export function loggableMessage(error: unknown, max = 2_000): string {
  const text = error instanceof Error ? scrub(error.message) : '[not an Error: redacted]';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
