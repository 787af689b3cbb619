/**
 * The kinds of email Clearframe sends. A user may opt out of any kind except none: every kind
 * here can be turned off (the studio contact still sees notices in the app).
 */
export const EMAIL_KINDS = [
  'disclosure.new',
  'review.assigned',
  'decision.made',
  'info.requested',
  'condition.due',
  'approval.expiring',
  'consent.expiring',
  'digest',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const LANGUAGES = ['en', 'it'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isEmailKind(value: unknown): value is EmailKind {
  return typeof value === 'string' && (EMAIL_KINDS as readonly string[]).includes(value);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
