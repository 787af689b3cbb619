import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { EMAIL_KINDS } from '../../services/notifications/kinds.js';
import { readPreferences, wantsEmail } from '../../services/notifications/preferences.js';
import { renderEmail } from '../../services/notifications/templates.js';
import { disclosureRevisions, disclosures, notices, productions, users } from '../../store/schema.js';
import { defineJob, PermanentJobError } from '../registry.js';

export const SEND_EMAIL_JOB = 'email.send';

export const SendEmailPayload = z.object({
  userId: z.string(),
  kind: z.enum(EMAIL_KINDS),
  disclosureId: z.string().optional(),
  noticeId: z.string().optional(),
  /** Facts the event carried that the database does not (a reviewer's note, a due date...). */
  data: z
    .object({
      decision: z.string().optional(),
      note: z.string().optional(),
      conditionText: z.string().optional(),
      dueDate: z.string().optional(),
      expiresAt: z.string().optional(),
      performer: z.string().optional(),
      productionTitle: z.string().optional(),
      items: z
        .array(z.object({ title: z.string(), kind: z.string(), outcome: z.string().optional() }))
        .max(500)
        .optional(),
    })
    .default({}),
});
export type SendEmailPayload = z.output<typeof SendEmailPayload>;

/**
 * Sends one email to one user, in their language, unless they opted out of its kind. Reads
 * names and titles at send time (after commit, outside any transaction). When it came from
 * a notice, marks the notice sent.
 */
export const sendEmailJob = defineJob({
  name: SEND_EMAIL_JOB,
  version: 1,
  payloadSchema: SendEmailPayload,
  handler: async (payload, deps) => {
    const { store, services } = deps;
    const context = await store.read(async (db) => {
      const [user] = await db.select().from(users).where(eq(users.id, payload.userId));
      const preferences = await readPreferences(db, payload.userId);
      let production: string | undefined = payload.data.productionTitle;
      let description: string | undefined;
      let outcome: string | undefined;
      if (payload.disclosureId !== undefined) {
        const [row] = await db
          .select({
            title: productions.title,
            document: disclosureRevisions.document,
            outcome: disclosureRevisions.outcome,
          })
          .from(disclosures)
          .innerJoin(productions, eq(productions.id, disclosures.productionId))
          .innerJoin(
            disclosureRevisions,
            and(
              eq(disclosureRevisions.disclosureId, disclosures.id),
              eq(disclosureRevisions.number, disclosures.currentRevision),
            ),
          )
          .where(eq(disclosures.id, payload.disclosureId));
        if (row === undefined)
          throw new PermanentJobError(`disclosure ${payload.disclosureId} does not exist`);
        production = row.title;
        outcome = row.outcome;
        const doc = row.document as { description?: unknown };
        description = typeof doc.description === 'string' ? doc.description : undefined;
      }
      return { user, preferences, production, description, outcome };
    });
    const { user, preferences } = context;
    if (user === undefined) throw new PermanentJobError(`user ${payload.userId} does not exist`);
    if (!user.active || !wantsEmail(preferences, payload.kind)) {
      deps.logger.debug({ kind: payload.kind }, 'email not wanted; skipped');
      return;
    }
    if (services.mailer === undefined) return; // email is off; said once at start-up
    const link =
      services.publicUrl && payload.disclosureId
        ? `${services.publicUrl.replace(/\/$/, '')}/disclosures/${payload.disclosureId}`
        : undefined;
    const email = renderEmail(payload.kind, preferences.language, {
      ...payload.data,
      recipientName: user.name,
      productionTitle: context.production,
      description: context.description,
      outcome: context.outcome,
      disclosureId: payload.disclosureId,
      link,
    });
    await services.mailer.send({
      to: user.email,
      ...email,
      language: preferences.language,
      messageId: `<${deps.job.id}@clearframe>`,
    });
    if (payload.noticeId !== undefined) {
      const noticeId = payload.noticeId;
      await store.transaction((tx) =>
        tx.update(notices).set({ sentAt: deps.now() }).where(eq(notices.id, noticeId)),
      );
    }
  },
});
