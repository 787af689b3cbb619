import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export type OutgoingMail = {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly language: string;
  /** Stable per job: a retried send carries the same Message-ID, so receivers can drop duplicates. */
  readonly messageId: string;
};

export type Mailer = { send(mail: OutgoingMail): Promise<void>; close(): void };

/**
 * The SMTP mailer from `SMTP_URL` (e.g. smtp://127.0.0.1:2525, smtps://user:pass@host) and
 * `MAIL_FROM`. Unset SMTP_URL means no email at all, said once here at start-up (not per
 * message). The URL is never logged: it may hold a password.
 */
export function createMailerFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  logger: Pick<Logger, 'info' | 'warn'>,
): Mailer | undefined {
  const url = env['SMTP_URL']?.trim();
  if (!url) {
    logger.info('SMTP_URL is not set: no email will be sent (notices stay in the app)');
    return undefined;
  }
  return createSmtpMailer(url, env['MAIL_FROM']?.trim() || 'Clearframe <clearframe@localhost>');
}

export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    send: async (mail) => {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: { 'Content-Language': mail.language },
      });
    },
    close: () => transport.close(),
  };
}
