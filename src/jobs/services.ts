import type { Mailer } from './mail/mailer.js';

/**
 * Outside systems a job handler may use, given to the worker when it starts. Each field is
 * optional so that tests start a worker with only what they exercise; a handler that needs
 * a missing one fails with a clear error (and is retried), it never guesses.
 */
export type JobServices = {
  /** HTTP client for webhooks (default: global fetch). */
  readonly fetch?: typeof fetch | undefined;
  /** SMTP; undefined means email is off (SMTP_URL unset), and email jobs finish without sending. */
  readonly mailer?: Mailer | undefined;
  /** Base URL of the web app for links in emails, e.g. https://clearframe.example.com. */
  readonly publicUrl?: string | undefined;
};
