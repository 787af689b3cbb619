import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/ledger.js';
import { notificationPreferences } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';
import { EMAIL_KINDS, type EmailKind, isEmailKind, isLanguage, LANGUAGES, type Language } from './kinds.js';
import { type Preferences, readPreferences } from './preferences.js';

export type UpdatePreferencesInput = {
  readonly language?: string | undefined;
  readonly optedOut?: readonly string[] | undefined;
  readonly digest?: boolean | undefined;
};

/** The caller's own email preferences: language, kinds opted out of, daily digest on or off. */
export async function updatePreferences({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: UpdatePreferencesInput;
}): Promise<Preferences> {
  requirePermission(ctx, 'notification.preferences');
  if (input.language !== undefined && !isLanguage(input.language)) {
    throw new AppError(
      'INVALID_INPUT',
      `language "${input.language}" is not offered; use one of ${LANGUAGES.join(', ')}.`,
      {
        key: 'language',
        value: input.language,
        allowed: LANGUAGES,
      },
    );
  }
  const unknown = (input.optedOut ?? []).filter((k) => !isEmailKind(k));
  if (unknown.length > 0) {
    throw new AppError('INVALID_INPUT', `optedOut has unknown email kinds: ${unknown.join(', ')}.`, {
      key: 'optedOut',
      value: unknown,
      allowed: EMAIL_KINDS,
    });
  }
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const current = await readPreferences(tx, ctx.principal.userId);
    const next: Preferences = {
      language: (input.language as Language | undefined) ?? current.language,
      optedOut: input.optedOut ? [...new Set(input.optedOut as EmailKind[])] : current.optedOut,
      digest: input.digest ?? current.digest,
    };
    const values = { ...next, optedOut: [...next.optedOut], updatedAt: at };
    await tx
      .insert(notificationPreferences)
      .values({ userId: ctx.principal.userId, ...values })
      .onConflictDoUpdate({ target: notificationPreferences.userId, set: values });
    await appendAudit(tx, ledgerWriter(ctx, at), [
      { type: 'notification_preferences.updated', userId: ctx.principal.userId, ...next },
    ]);
    return next;
  });
}

/** The caller's own preferences (the defaults when never set). */
export async function getPreferences({ ctx }: { ctx: ServiceCtx; input?: undefined }): Promise<Preferences> {
  requirePermission(ctx, 'notification.preferences');
  return ctx.store.read((db) => readPreferences(db, ctx.principal.userId));
}
