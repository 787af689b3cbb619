import type { Resolver } from '../services/webhooks/webhook-target.js';
import type { Mailer } from './mail/mailer.js';

/**
 * Outside systems a job handler may use, given to the worker when it starts. Each field is
 * optional so that tests start a worker with only what they exercise; a handler that needs
 * a missing one fails with a clear error (and is retried), it never guesses.
 */
export type JobServices = {
  /** DNS for webhook hosts (default: the system's resolver); every address it gives is checked. */
  readonly resolveHost?: Resolver | undefined;
  /** SMTP; undefined means email is off (SMTP_URL unset), and email jobs finish without sending. */
  readonly mailer?: Mailer | undefined;
  /** Base URL of the web app for links in emails, e.g. https://clearframe.example.com. */
  readonly publicUrl?: string | undefined;
};
