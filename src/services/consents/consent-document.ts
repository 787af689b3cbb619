import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/ledger.js';
import { consentDocuments, consents } from '../../store/schema.js';
import { requirePermission } from '../authorize.js';
import { ledgerWriter, nowOf, type ServiceCtx } from '../context.js';

/** A signed consent is a PDF or a scan; anything else, or anything larger, is refused. */
export const CONSENT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Accepted types and the leading bytes each must start with (the declared type is checked). */
const SIGNATURES: Readonly<Record<string, readonly number[][]>> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/tiff': [
    [0x49, 0x49, 0x2a, 0x00],
    [0x4d, 0x4d, 0x00, 0x2a],
  ],
};
export const CONSENT_DOCUMENT_TYPES = Object.keys(SIGNATURES);

export type ConsentDocumentInput = {
  readonly consentId: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly content: Uint8Array;
};

export type ConsentDocumentMeta = {
  readonly consentId: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedAt: string;
};

function checkDocument(input: ConsentDocumentInput): void {
  const signatures = SIGNATURES[input.mediaType];
  if (signatures === undefined) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `A consent document must be one of ${CONSENT_DOCUMENT_TYPES.join(', ')}; got ${input.mediaType}.`,
      { mediaType: input.mediaType, allowed: CONSENT_DOCUMENT_TYPES },
    );
  }
  if (input.content.byteLength === 0 || input.content.byteLength > CONSENT_DOCUMENT_MAX_BYTES) {
    throw new AppError(
      input.content.byteLength === 0 ? 'INVALID_INPUT' : 'PAYLOAD_TOO_LARGE',
      `A consent document must hold 1 byte to ${CONSENT_DOCUMENT_MAX_BYTES} bytes (10 MiB); this one has ${input.content.byteLength}.`,
      { size: input.content.byteLength, max: CONSENT_DOCUMENT_MAX_BYTES },
    );
  }
  const matches = signatures.some((sig) => sig.every((byte, i) => input.content[i] === byte));
  if (!matches) {
    throw new AppError(
      'INVALID_INPUT',
      `The file does not look like ${input.mediaType}; upload the signed document itself.`,
      {
        mediaType: input.mediaType,
      },
    );
  }
  const name = input.fileName.trim();
  if (name === '' || name.length > 255 || /[/\\\0]/.test(name)) {
    throw new AppError('INVALID_INPUT', 'fileName must be 1 to 255 characters without slashes.', {
      fileName: input.fileName,
    });
  }
}

/**
 * Studio legal stores the signed consent document (replacing an earlier one). Its SHA-256 is
 * kept on the consent record and in the ledger, so the evidence can be checked later.
 */
export async function uploadConsentDocument({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: ConsentDocumentInput;
}): Promise<ConsentDocumentMeta> {
  requirePermission(ctx, 'consent.document.upload');
  checkDocument(input);
  const content = Buffer.from(input.content);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const at = nowOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const [consent] = await tx
      .select({ id: consents.id })
      .from(consents)
      .where(and(eq(consents.id, input.consentId), eq(consents.studioOrgId, ctx.principal.orgId)))
      .for('update');
    if (consent === undefined) {
      throw new AppError('NOT_FOUND', `No consent ${input.consentId} in your studio's registry.`, {
        consentId: input.consentId,
      });
    }
    const row = {
      consentId: consent.id,
      fileName: input.fileName.trim(),
      mediaType: input.mediaType,
      size: content.byteLength,
      sha256,
      content,
      uploadedBy: ctx.principal.userId,
      uploadedAt: at,
    };
    await tx
      .insert(consentDocuments)
      .values(row)
      .onConflictDoUpdate({ target: consentDocuments.consentId, set: { ...row } });
    await tx.update(consents).set({ documentSha256: sha256 }).where(eq(consents.id, consent.id));
    await appendAudit(tx, ledgerWriter(ctx, at), [
      {
        type: 'consent.document_stored',
        consentId: consent.id,
        sha256,
        size: row.size,
        mediaType: row.mediaType,
      },
    ]);
    return {
      consentId: consent.id,
      fileName: row.fileName,
      mediaType: row.mediaType,
      size: row.size,
      sha256,
      uploadedAt: at.toISOString(),
    };
  });
}

/** The signed document: studio legal alone may read it (every other role is refused). */
export async function readConsentDocument({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { readonly consentId: string };
}): Promise<ConsentDocumentMeta & { readonly content: Buffer }> {
  requirePermission(ctx, 'consent.document.read');
  return ctx.store.transaction(async (tx) => {
    const [row] = await tx
      .select({ document: consentDocuments })
      .from(consentDocuments)
      .innerJoin(consents, eq(consents.id, consentDocuments.consentId))
      .where(
        and(eq(consentDocuments.consentId, input.consentId), eq(consents.studioOrgId, ctx.principal.orgId)),
      );
    if (row === undefined) {
      throw new AppError(
        'NOT_FOUND',
        `No signed document for consent ${input.consentId} in your studio.`,
        input,
      );
    }
    const d = row.document;
    return {
      consentId: d.consentId,
      fileName: d.fileName,
      mediaType: d.mediaType,
      size: d.size,
      sha256: d.sha256,
      uploadedAt: d.uploadedAt.toISOString(),
      content: d.content,
    };
  });
}
