import { and, asc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../domain/errors.js';
import type { Store } from '../../store/database.js';
import {
  approvals,
  auditEvents,
  conditions,
  disclosureRevisions,
  disclosures,
  productions,
  users,
} from '../../store/schema.js';
import { disclosureVisibleTo } from '../../store/tenancy.js';
import { verifyOrganisationChain } from '../audit/verify-ledger.js';
import { requirePermission } from '../authorize.js';
import type { ServiceCtx } from '../context.js';
import { pdfToBuffer } from './render-pdf.js';

/**
 * The written-approval letter. Its verification code is taken from the chain hash of the
 * approval's `approval.issued` ledger event: that hash covers the event and, through the
 * chain, every event before it, so a code that matches an intact chain proves the approval
 * was issued as the ledger says. The code and approval id are printed on the letter and put
 * in the PDF's Subject/Keywords so that `clearframe verify-letter` can read them back.
 */
export const LETTER_SUBJECT_PREFIX = 'clearframe-approval:';

export function letterCode(chainHash: string): string {
  const hex = chainHash
    .replace(/^sha256:/, '')
    .slice(0, 32)
    .toUpperCase();
  return `CF-${hex.match(/.{8}/g)?.join('-') ?? hex}`;
}

async function findIssuedEvent(store: Store, approvalId: string) {
  const [event] = await store.read((db) =>
    db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.type, 'approval.issued'), sql`${auditEvents.data}->>'approvalId' = ${approvalId}`),
      ),
  );
  return event;
}

export async function renderApprovalLetter({
  ctx,
  input,
}: {
  ctx: ServiceCtx;
  input: { approvalId: string };
}): Promise<{ pdf: Buffer; code: string; approvalId: string }> {
  requirePermission(ctx, 'approval.letter');
  await ctx.store.sealLedger();
  const { letter, code } = await ctx.store.transaction(async (tx) => {
    const [row] = await tx
      .select({ a: approvals, d: disclosures, p: productions, r: disclosureRevisions, approver: users.name })
      .from(approvals)
      .innerJoin(disclosures, eq(disclosures.id, approvals.disclosureId))
      .innerJoin(productions, eq(productions.id, disclosures.productionId))
      .innerJoin(
        disclosureRevisions,
        and(
          eq(disclosureRevisions.disclosureId, disclosures.id),
          eq(disclosureRevisions.number, approvals.revision),
        ),
      )
      .innerJoin(users, eq(users.id, approvals.approverId))
      .where(and(eq(approvals.id, input.approvalId), disclosureVisibleTo(ctx.principal)));
    if (row === undefined) {
      throw new AppError('NOT_FOUND', `No approval ${input.approvalId} that you can see.`, {
        approvalId: input.approvalId,
      });
    }
    const [issued] = await tx
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.type, 'approval.issued'),
          sql`${auditEvents.data}->>'approvalId' = ${input.approvalId}`,
        ),
      );
    if (!issued?.hash) {
      throw new AppError(
        'CONFLICT',
        'The approval is not sealed into the ledger yet; retry in a few seconds.',
        {
          approvalId: input.approvalId,
        },
      );
    }
    const conditionRows = await tx
      .select({ c: conditions, owner: users.name })
      .from(conditions)
      .leftJoin(users, eq(users.id, conditions.ownerId))
      .where(eq(conditions.approvalId, input.approvalId))
      .orderBy(asc(conditions.text));
    return { letter: { ...row, conditions: conditionRows }, code: letterCode(issued.hash) };
  });
  const doc = letter.r.document as { description?: unknown };
  const pdf = await pdfToBuffer(
    (pdf) => {
      pdf.font('Helvetica-Bold').fontSize(18).text('Written approval of a generative-AI use');
      pdf.moveDown().font('Helvetica').fontSize(11);
      pdf.text(`Production: ${letter.p.title}`);
      pdf.text(`Disclosure: ${letter.d.id}, revision ${letter.a.revision} (the scope of this approval)`);
      pdf.text(`Use: ${typeof doc.description === 'string' ? doc.description : ''}`);
      pdf.text(`Verdict under ${letter.r.pack}: ${letter.r.outcome}`);
      pdf.text(`Approved by: ${letter.approver}`);
      pdf.text(`Issued: ${letter.a.issuedAt.toISOString()}`);
      pdf.text(`Expires: ${letter.a.expiresAt?.toISOString() ?? 'no expiry'}`);
      pdf.text(`Status when this letter was printed: ${letter.a.status}`);
      pdf.moveDown().font('Helvetica-Bold').text('Conditions');
      pdf.font('Helvetica');
      if (letter.conditions.length === 0) pdf.text('None.');
      for (const { c, owner } of letter.conditions) {
        pdf.text(`- ${c.text} (owner ${owner ?? 'unassigned'}, due ${c.dueDate ?? 'no date'})`);
      }
      pdf
        .moveDown()
        .text(
          'A material change to the use (for example temporary to final, a new tool or a new performer) voids this approval.',
        );
      pdf.moveDown().font('Helvetica-Bold').text(`Verification code: ${code}`);
      pdf.font('Helvetica').text(`Approval id: ${letter.a.id}`);
      pdf.text('Check it with: clearframe verify-letter FILE');
    },
    {
      Title: `Written approval ${letter.a.id}`,
      Subject: `${LETTER_SUBJECT_PREFIX}${letter.a.id}`,
      Keywords: code,
    },
  );
  return { pdf, code, approvalId: letter.a.id };
}

export type LetterVerdict = {
  readonly ok: boolean;
  readonly approvalId: string;
  readonly code: string;
  readonly reason: string;
  /** The approval's status now (a genuine letter may describe an approval since voided). */
  readonly status?: string | undefined;
  readonly expiresAt?: string | null | undefined;
};

/** Reads the approval id and code a letter carries (PDF Subject and Keywords). */
export function readLetterFields(pdf: Buffer): { approvalId: string; code: string } | undefined {
  const text = pdf.toString('latin1');
  // pdfkit writes the info strings as plain literal objects: `(clearframe-approval:<id>)`, `(CF-...)`.
  const approvalId = new RegExp(`\\(${LETTER_SUBJECT_PREFIX}([0-9a-f-]{36})\\)`).exec(text)?.[1];
  const code = /\((CF-[0-9A-F]{8}(?:-[0-9A-F]{8}){3})\)/.exec(text)?.[1];
  return approvalId && code ? { approvalId, code } : undefined;
}

/**
 * Checks a letter against the ledger, from the database directly (like `audit verify`): the
 * approval's issue event exists, its chain hash gives the same code, and the organisation's
 * chain is intact up to its head. Also reports whether the approval is still in force.
 */
export async function verifyLetter(
  store: Store,
  fields: { approvalId: string; code: string },
): Promise<LetterVerdict> {
  const base = { approvalId: fields.approvalId, code: fields.code };
  const event = await findIssuedEvent(store, fields.approvalId);
  if (event === undefined)
    return { ...base, ok: false, reason: 'no approval with this id was ever issued in this ledger' };
  if (!event.hash) return { ...base, ok: false, reason: 'the approval is not sealed into the ledger yet' };
  if (letterCode(event.hash) !== fields.code) {
    return {
      ...base,
      ok: false,
      reason: 'the verification code does not match the ledger: the letter was altered or forged',
    };
  }
  const chain = await verifyOrganisationChain(store, event.orgId);
  if (!chain.ok) {
    return {
      ...base,
      ok: false,
      reason: `the ledger chain is broken at event ${chain.eventId}: ${chain.reason}`,
    };
  }
  const [approval] = await store.read((db) =>
    db.select().from(approvals).where(eq(approvals.id, fields.approvalId)),
  );
  const expiresAt = approval?.expiresAt?.toISOString() ?? null;
  const inForce =
    approval?.status === 'active' && (approval.expiresAt === null || approval.expiresAt > new Date());
  return {
    ...base,
    ok: true,
    status: approval?.status,
    expiresAt,
    reason: inForce
      ? 'genuine: matches the ledger, and the approval is in force'
      : `genuine: matches the ledger, but the approval is no longer in force (${approval?.status ?? 'unknown'}${expiresAt ? `, expires ${expiresAt}` : ''})`,
  };
}
