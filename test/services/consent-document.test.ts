import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { ROLES } from '../../src/domain/roles.js';
import {
  CONSENT_DOCUMENT_MAX_BYTES,
  readConsentDocument,
  uploadConsentDocument,
} from '../../src/services/consents/consent-document.js';
import { listConsents } from '../../src/services/consents/list-consents.js';
import { recordConsent } from '../../src/services/consents/record-consent.js';
import { registerPerformer } from '../../src/services/consents/register-performer.js';
import { auditEvents } from '../../src/store/schema.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, type World, type WorldUser } from '../helpers/world.js';

let db: TestStore;
let world: World;
let consentId: string;
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 7), Buffer.from('\n%%EOF\n')]);

beforeAll(async () => {
  db = await openTestStore();
  world = await makeWorld(db.store);
  const performer = await registerPerformer({
    ctx: world.ctx('legal'),
    input: { displayName: 'Lead Actor' },
  });
  const consent = await recordConsent({
    ctx: world.ctx('legal'),
    input: {
      performerId: performer.id,
      productionId: world.productionId,
      use: 'alteration',
      description: 'De-ageing in the flashback of episode 3.',
      unionCovered: true,
      validFrom: '2026-01-01',
    },
  });
  consentId = consent.id;
});
afterAll(async () => {
  await db?.dispose();
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('signed consent documents', () => {
  it('stores the document with its SHA-256 on the consent and in the ledger, and gives it back to legal', async () => {
    const meta = await uploadConsentDocument({
      ctx: world.ctx('legal'),
      input: { consentId, fileName: 'consent-signed.pdf', mediaType: 'application/pdf', content: pdf },
    });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(meta).toMatchObject({ sha256, size: pdf.byteLength, mediaType: 'application/pdf' });
    const read = await readConsentDocument({ ctx: world.ctx('legal'), input: { consentId } });
    expect(Buffer.compare(read.content, pdf)).toBe(0);
    expect((await listConsents({ ctx: world.ctx('legal') }))[0]?.documentSha256).toBe(sha256);
    const [event] = await db.store.transaction((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.orgId, world.studioId), eq(auditEvents.type, 'consent.document_stored'))),
    );
    expect(event?.data).toEqual({ consentId, sha256, size: pdf.byteLength, mediaType: 'application/pdf' });
  });

  it('refuses the document to every role but studio legal', async () => {
    const others: WorldUser[] = [
      'partner',
      'partnerAdmin',
      'vendor',
      'contact',
      'studioAdmin',
      'qc',
      'auditor',
    ];
    expect(new Set(others.map((w) => world.users[w].role))).toEqual(
      new Set(ROLES.filter((r) => r !== 'studio_legal')),
    );
    for (const who of others) {
      const error = await refusal(readConsentDocument({ ctx: world.ctx(who), input: { consentId } }));
      expect(error.code).toBe('FORBIDDEN');
      const upload = await refusal(
        uploadConsentDocument({
          ctx: world.ctx(who),
          input: { consentId, fileName: 'x.pdf', mediaType: 'application/pdf', content: pdf },
        }),
      );
      expect(upload.code).toBe('FORBIDDEN');
    }
  });

  it("hides another studio's document as not found", async () => {
    const other = await makeWorld(db.store);
    expect((await refusal(readConsentDocument({ ctx: other.ctx('legal'), input: { consentId } }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses a type outside PDF and images, a file that is not what it says, and one over 10 MiB', async () => {
    const upload = (mediaType: string, content: Uint8Array) =>
      refusal(
        uploadConsentDocument({
          ctx: world.ctx('legal'),
          input: { consentId, fileName: 'c.bin', mediaType, content },
        }),
      );
    expect((await upload('text/html', Buffer.from('<html>'))).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await upload('image/png', pdf)).code).toBe('INVALID_INPUT');
    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(CONSENT_DOCUMENT_MAX_BYTES)]);
    expect((await upload('application/pdf', big)).code).toBe('PAYLOAD_TOO_LARGE');
  });
});
