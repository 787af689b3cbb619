import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loggableError, loggableMessage } from './loggable-error.js';

/** The shape of Drizzle's error for a failed statement (drizzle-orm/errors.js). */
function failedQuery(params: readonly string[], cause?: Error): Error {
  const error = new Error(
    `Failed query: insert into "performers" values ($1, $2)\nparams: ${params.join(',')}`,
  );
  error.name = 'DrizzleQueryError';
  Object.assign(error, { query: 'insert ...', params, cause });
  return error;
}

describe('errors as they may be logged', () => {
  it('drop the parameters of a failed statement from message, stack and anything else it carries', () => {
    const pgError = Object.assign(new Error('invalid input syntax for type uuid: "Jane Performer"'), {
      code: '22P02',
      detail: 'Key (email)=(jane@example.com) already exists.',
    });
    const logged = loggableError(failedQuery(['Jane Performer', 'jane@example.com'], pgError));
    const text = JSON.stringify(logged);
    expect(text).not.toContain('Jane Performer');
    expect(text).not.toContain('jane@example.com');
    expect(logged.message).toBe('Failed query: insert into "performers" values ($1, $2)\nparams: [redacted]');
    expect(logged.stack).toContain('loggable-error.test.ts');
    expect(logged.cause).toMatchObject({
      code: '22P02',
      message: 'invalid input syntax for type uuid: "[redacted]"',
    });
  });

  it('keep quoted names that are not values, so the log still says what failed', () => {
    expect(
      loggableMessage(new Error('duplicate key value violates unique constraint "users_email_key"')),
    ).toBe('duplicate key value violates unique constraint "users_email_key"');
  });

  it('never contain any parameter, whatever its text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 4, maxLength: 40, unit: 'binary' }), { minLength: 1, maxLength: 4 }),
        (params) => {
          const marked = params.map((p, i) => `secret${i}:${p}`);
          const text = JSON.stringify(loggableError(failedQuery(marked)));
          for (let i = 0; i < marked.length; i++) expect(text).not.toContain(`secret${i}:`);
        },
      ),
    );
  });

  it('say nothing of a thrown value that is not an Error', () => {
    expect(loggableMessage('jane@example.com')).not.toContain('jane');
    expect(loggableError({ email: 'jane@example.com' }).message).not.toContain('jane');
  });
});
