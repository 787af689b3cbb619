import { eq } from 'drizzle-orm';
import type { Executor } from '../../store/database.js';
import { notificationPreferences } from '../../store/schema.js';
import { EMAIL_KINDS, type EmailKind, isEmailKind, isLanguage, type Language } from './kinds.js';

export type Preferences = {
  readonly language: Language;
  readonly optedOut: readonly EmailKind[];
  readonly digest: boolean;
};

export const DEFAULT_PREFERENCES: Preferences = { language: 'en', optedOut: [], digest: true };

/** A user's preferences, or the defaults. Stored JSON is parsed, unknown kinds dropped. */
export async function readPreferences(db: Executor, userId: string): Promise<Preferences> {
  const [row] = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  if (row === undefined) return DEFAULT_PREFERENCES;
  const optedOut = Array.isArray(row.optedOut) ? row.optedOut.filter(isEmailKind) : [];
  return { language: isLanguage(row.language) ? row.language : 'en', optedOut, digest: row.digest };
}

export function wantsEmail(preferences: Preferences, kind: EmailKind): boolean {
  if (kind === 'digest') return preferences.digest && !preferences.optedOut.includes('digest');
  return !preferences.optedOut.includes(kind);
}

export { EMAIL_KINDS };
