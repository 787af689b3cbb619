import { z } from 'zod';
import { CONSENT_USES } from '../../domain/consent/consent-facts.js';
import type { consents, performers } from '../../store/schema.js';
import { DAY, nameText } from '../registry/input.js';

/** The least personal data that serves: a display name or role, the union, deceased, who authorises. */
export const PerformerInput = z.strictObject({
  displayName: nameText(120),
  union: nameText(120).nullable().default(null),
  deceased: z.boolean().default(false),
  authorisingBody: nameText(200).nullable().default(null),
});
export type PerformerInput = z.output<typeof PerformerInput>;

export const ConsentInput = z
  .strictObject({
    performerId: nameText(100),
    productionId: nameText(100),
    use: z.enum(CONSENT_USES),
    /** Specific: what is done, where, for what; "all uses" is not a description. */
    description: nameText(4000).refine(
      (s) => s.length >= 20,
      'describe the intended use specifically (20 characters or more)',
    ),
    unionCovered: z.boolean(),
    validFrom: DAY,
    validTo: DAY.nullable().default(null),
    estateAuthorisation: nameText(500).nullable().default(null),
  })
  .superRefine((c, ctx) => {
    if (c.validTo !== null && c.validTo < c.validFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['validTo'],
        message: `must not be before validFrom (${c.validFrom})`,
      });
    }
  });
export type ConsentInput = z.output<typeof ConsentInput>;

export type PerformerView = PerformerInput & { readonly id: string; readonly createdAt: string };

export type ConsentView = Omit<ConsentInput, never> & {
  readonly id: string;
  readonly status: 'active' | 'expired' | 'revoked';
  readonly revokedAt: string | null;
  readonly revokeReason: string | null;
  readonly expiredAt: string | null;
  readonly documentSha256: string | null;
  readonly createdAt: string;
};

export function toPerformerView(row: typeof performers.$inferSelect): PerformerView {
  return {
    id: row.id,
    displayName: row.displayName,
    union: row.union,
    deceased: row.deceased,
    authorisingBody: row.authorisingBody,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toConsentView(row: typeof consents.$inferSelect): ConsentView {
  return {
    id: row.id,
    performerId: row.performerId,
    productionId: row.productionId,
    use: row.use as ConsentView['use'],
    description: row.description,
    unionCovered: row.unionCovered,
    validFrom: row.validFrom,
    validTo: row.validTo,
    estateAuthorisation: row.estateAuthorisation,
    status: row.status as ConsentView['status'],
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokeReason: row.revokeReason,
    expiredAt: row.expiredAt?.toISOString() ?? null,
    documentSha256: row.documentSha256,
    createdAt: row.createdAt.toISOString(),
  };
}
