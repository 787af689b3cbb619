import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { createMailerFromEnv, type Mailer } from '../../src/jobs/mail/mailer.js';
import { sendEmailJob } from '../../src/jobs/mail/send-email.job.js';
import { digestJob } from '../../src/jobs/notifications/digest.job.js';
import { dispatchNotificationsJob } from '../../src/jobs/notifications/dispatch.job.js';
import { remindersJob } from '../../src/jobs/notifications/reminders.job.js';
import { createJobRegistry } from '../../src/jobs/registry.js';
import { startJobWorker } from '../../src/jobs/worker.js';
import { decideDisclosure } from '../../src/services/disclosures/decide-disclosure.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { updatePreferences } from '../../src/services/notifications/update-preferences.js';
import { auditEvents, notices } from '../../src/store/schema.js';
import { consumerChatbot, finalShot, moodboard } from '../helpers/disclosures.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, type World } from '../helpers/world.js';

const logger = pino({ level: 'silent' });
let db: TestStore;
let world: World;
let smtp: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store);
  smtp = await startSmtpSink();
  const made = createMailerFromEnv(
    { SMTP_URL: smtp.url, MAIL_FROM: 'Clearframe <noreply@studio.test>' },
    logger,
  );
  if (made === undefined) throw new Error('mailer not created');
  mailer = made;
});
afterAll(async () => {
  mailer?.close();
  await smtp?.close();
  await db?.dispose();
});

/** Fans out what the ledger holds, then sends the emails: what the server's worker does on its own. */
async function deliverAll(first = 'notifications.dispatch'): Promise<void> {
  const worker = startJobWorker({
    store: db.store,
    logger,
    handlers: createJobRegistry([dispatchNotificationsJob, sendEmailJob, remindersJob, digestJob]),
    pollMs: 0,
    services: { mailer, publicUrl: 'https://clearframe.test' },
  });
  await db.store.transaction((tx) => enqueueJob(tx, { name: first, payload: {} }));
  await worker.drain();
}

const to = (email: string) => smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(email));

describe('email notifications over SMTP', () => {
  it('tells the studio contact of a new disclosure in Italian and the reviewers in English, with text and HTML parts', async () => {
    await updatePreferences({ ctx: world.ctx('contact'), input: { language: 'it' } });
    const { result } = await submitDisclosure({
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, disclosure: consumerChatbot() },
    });
    expect(result.state).toBe('in_review');
    await deliverAll();

    const [contactMail, ...extra] = to(world.users.contact.email);
    expect(extra).toHaveLength(0);
    expect(contactMail?.subject).toMatch(/^Nuovo uso di IA dichiarato su “Harbour Lights /);
    expect(contactMail?.text).toContain('Ciao contact,');
    expect(contactMail?.text).toContain('Uso: Brainstorm episode titles with a free consumer chatbot.');
    expect(contactMail?.text).toContain('Esito: da esaminare.');
    expect(contactMail?.html).toContain('<html lang="it">');
    expect(contactMail?.text).toContain(`https://clearframe.test/disclosures/${result.id}`);
    expect(contactMail?.headers.get('content-language')).toBe('it');
    expect(JSON.stringify(contactMail?.from)).toContain('noreply@studio.test');

    const [legalMail] = to(world.users.legal.email);
    expect(legalMail?.subject).toMatch(/^Review needed: AI use on “Harbour Lights /);
    expect(legalMail?.text).toContain('is waiting in your review queue');
    expect(legalMail?.text).toContain('Verdict: escalate.');

    // The notice written by submit is marked sent once its email left.
    const rows = await db.store.read((tx) =>
      tx.select().from(notices).where(eq(notices.disclosureId, result.id)),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((n) => n.sentAt !== null)).toBe(true);
  });

  it('tells the partner of a request for information with the reviewer note, in English and in Italian', async () => {
    const { result } = await submitDisclosure({
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, disclosure: consumerChatbot() },
    });
    await decideDisclosure({
      ctx: world.ctx('legal'),
      input: {
        disclosureId: result.id,
        decision: 'request_info',
        note: 'Which plan of the chatbot do you use?',
      },
    });
    await deliverAll();
    const english = to(world.users.partner.email).find((m) => m.text?.includes(result.id));
    expect(english?.subject).toMatch(/^More information needed on “Harbour Lights /);
    expect(english?.text).toContain('What they ask: Which plan of the chatbot do you use?');

    await updatePreferences({ ctx: world.ctx('partner'), input: { language: 'it' } });
    const second = await submitDisclosure({
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, disclosure: consumerChatbot() },
    });
    await decideDisclosure({
      ctx: world.ctx('legal'),
      input: { disclosureId: second.result.id, decision: 'reject', note: 'Usa lo strumento aziendale.' },
    });
    await deliverAll();
    const italian = to(world.users.partner.email).find((m) => m.text?.includes(second.result.id));
    expect(italian?.subject).toMatch(/^Decisione sul tuo uso di IA su “Harbour Lights .*”: respinto$/);
    expect(italian?.text).toContain('Nota del revisore: Usa lo strumento aziendale.');
  });

  it('sends nothing of a kind the user opted out of, and each email only once', async () => {
    await updatePreferences({ ctx: world.ctx('contact'), input: { optedOut: ['disclosure.new'] } });
    const before = to(world.users.contact.email).length;
    const { result } = await submitDisclosure({
      ctx: world.ctx('partner'),
      input: { productionId: world.productionId, disclosure: moodboard() },
    });
    await deliverAll();
    await deliverAll();
    expect(to(world.users.contact.email)).toHaveLength(before);
    expect(smtp.messages.filter((m) => m.text?.includes(result.id))).toHaveLength(0);
  });

  it('records a preference change in the ledger and refuses an unknown language naming it', async () => {
    await updatePreferences({ ctx: world.ctx('qc'), input: { language: 'it', digest: false } });
    await db.store.sealLedger();
    const events = await db.store.read((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.type, 'notification_preferences.updated')),
    );
    expect(events.some((e) => (e.data as { userId?: string }).userId === world.users.qc.userId)).toBe(true);
    await expect(
      updatePreferences({ ctx: world.ctx('qc'), input: { language: 'fr' } }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { key: 'language', value: 'fr' },
    });
  });

  it('says once that email is off when SMTP_URL is unset', () => {
    const lines: string[] = [];
    const mailerOff = createMailerFromEnv({}, {
      info: (m: string) => void lines.push(m),
      warn: () => undefined,
    } as never);
    expect(mailerOff).toBeUndefined();
    expect(lines).toEqual(['SMTP_URL is not set: no email will be sent (notices stay in the app)']);
  });

  it('reminds the condition owner of a condition due soon and the partner of an approval about to expire, once', async () => {
    const { result } = await submitDisclosure({
      ctx: world.ctx('partner'),
      input: {
        productionId: world.productionId,
        disclosure: finalShot('Reminder test: collapse of a bridge.'),
      },
    });
    const tomorrow = new Date(Date.now() + 24 * 60 * 60_000);
    await decideDisclosure({
      ctx: world.ctx('legal'),
      input: {
        disclosureId: result.id,
        decision: 'approve',
        expiresAt: new Date(Date.now() + 5 * 24 * 60 * 60_000).toISOString(),
        conditions: [
          {
            text: 'Label the shot as AI in the credits',
            ownerId: world.users.partnerAdmin.userId,
            dueDate: tomorrow.toISOString().slice(0, 10),
          },
          { text: 'Far away condition', ownerId: world.users.partnerAdmin.userId, dueDate: '2099-01-01' },
        ],
      },
    });
    await deliverAll(); // decision emails first
    const before = smtp.messages.length;
    await deliverAll('reminders.scan');
    await deliverAll('reminders.scan');
    const reminders = smtp.messages.slice(before).filter((m) => m.text?.includes(result.id));
    const owner = reminders.filter((m) => JSON.stringify(m.to).includes(world.users.partnerAdmin.email));
    expect(owner.map((m) => m.subject)).toEqual([
      expect.stringMatching(
        new RegExp(`^Condition due ${tomorrow.toISOString().slice(0, 10)} on “Harbour Lights`),
      ),
    ]);
    expect(owner[0]?.text).toContain('Label the shot as AI in the credits');
    const expiring = reminders.filter((m) => m.subject?.includes('Approval expiring'));
    // Partner (Italian since the earlier test) gets the Italian subject; the approver the English one.
    expect(reminders.filter((m) => m.subject?.startsWith('Approvazione in scadenza'))).toHaveLength(1);
    expect(expiring.map((m) => JSON.stringify(m.to)).join()).toContain(world.users.legal.email);
  });

  it('sends a daily digest of the last day’s notices in the user’s language, once a day', async () => {
    await updatePreferences({ ctx: world.ctx('contact'), input: { optedOut: [], language: 'it' } });
    const before = smtp.messages.length;
    await deliverAll('digest.daily');
    await deliverAll('digest.daily');
    const digests = smtp.messages
      .slice(before)
      .filter((m) => m.subject?.startsWith('Riepilogo giornaliero di Clearframe'));
    expect(digests).toHaveLength(1);
    expect(JSON.stringify(digests[0]?.to)).toContain(world.users.contact.email);
    expect(digests[0]?.text).toMatch(/- Harbour Lights \S+: revisione richiesta \(da esaminare\)/);
    expect(digests[0]?.text).toMatch(/- Harbour Lights \S+: nuovo uso, notificato \(notifica\)/);
  });
});
