import pino, { type Logger } from 'pino';
import { loggableError } from '../lib/loggable-error.js';

/**
 * Paths that must never reach a log: credentials in any shape they might be logged in.
 * Request logging records method, path, status and timing only; this list is the backstop.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'csrfToken',
  '*.csrfToken',
  'sessionToken',
  '*.sessionToken',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'databaseUrl',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const config = {
    level: options.level ?? process.env['LOG_LEVEL'] ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // An error is logged by type, code, message and stack, without the values a database error
    // carries (statement parameters, refused values): see src/lib/loggable-error.ts.
    serializers: { err: loggableError },
    base: { service: 'clearframe' },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
