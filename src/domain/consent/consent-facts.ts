/**
 * Whether the consent registry covers one performer's use on one production, and if not,
 * the exact gap in plain words. Pure: the caller reads the records and passes the clock.
 */

export const CONSENT_USES = [
  'digital_replica',
  'voice_replica',
  'alteration',
  'synthetic_performer',
  'replacement',
] as const;
export type ConsentUse = (typeof CONSENT_USES)[number];

export const CONSENT_STATUSES = ['active', 'expired', 'revoked'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** The consent facts the policy engine reads (structurally `ConsentFacts` of src/policy). */
export type ConsentFacts = {
  readonly consentId?: string;
  readonly consentRecord:
    | 'active'
    | 'none'
    | 'other_production'
    | 'other_use'
    | 'not_yet_valid'
    | 'expired'
    | 'revoked'
    | 'deceased_unauthorised';
  readonly consentNote: string;
};

export type ConsentPerformer = { readonly deceased: boolean; readonly authorisingBody: string | null };

export type ConsentRecord = {
  readonly id: string;
  readonly productionId: string;
  readonly productionTitle: string;
  readonly use: ConsentUse;
  readonly description: string;
  readonly status: ConsentStatus;
  /** Calendar days, `YYYY-MM-DD`; `validTo` is the last day the consent counts. */
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly revokedAt: string | null;
  readonly revokeReason: string | null;
  readonly estateAuthorisation: string | null;
  readonly createdAt: string;
};

/** How a use reads in a sentence: "covers alteration, not a voice replica". */
export const USE_WORDS: Readonly<Record<ConsentUse, string>> = {
  digital_replica: 'a digital replica',
  voice_replica: 'a voice replica',
  alteration: 'alteration',
  synthetic_performer: 'a synthetic performer',
  replacement: 'replacement',
};

/** The calendar day (UTC) an instant falls on: validity dates are whole days. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

type Validity = 'valid' | 'not_yet_valid' | 'expired' | 'revoked';

/** A record's standing on `day`: revoked and expired stop counting whatever the dates say. */
export function validityOn(record: ConsentRecord, day: string): Validity {
  if (record.status === 'revoked') return 'revoked';
  if (record.status === 'expired' || (record.validTo !== null && record.validTo < day)) return 'expired';
  if (record.validFrom > day) return 'not_yet_valid';
  return 'valid';
}

const newestFirst = (a: ConsentRecord, b: ConsentRecord) =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

function describeGap(record: ConsentRecord, validity: Exclude<Validity, 'valid'>): ConsentFacts {
  switch (validity) {
    case 'revoked':
      return {
        consentId: record.id,
        consentRecord: 'revoked',
        consentNote: `revoked on ${record.revokedAt?.slice(0, 10) ?? 'an unrecorded date'}: ${record.revokeReason ?? 'no reason recorded'}`,
      };
    case 'expired':
      return {
        consentId: record.id,
        consentRecord: 'expired',
        consentNote: `expired on ${record.validTo ?? 'an unrecorded date'}`,
      };
    case 'not_yet_valid':
      return {
        consentId: record.id,
        consentRecord: 'not_yet_valid',
        consentNote: `not valid until ${record.validFrom}`,
      };
  }
}

/**
 * The consent facts for `use` on `productionId` at `at`, from every consent record of the
 * performer (all productions, all uses) so the gap can be named exactly. `performer`
 * undefined means the name matched nobody in the registry.
 */
export function consentFacts(input: {
  readonly performer: ConsentPerformer | undefined;
  readonly records: readonly ConsentRecord[];
  readonly productionId: string;
  readonly use: ConsentUse;
  readonly at: Date;
}): ConsentFacts {
  const { performer, productionId, use } = input;
  const day = dayOf(input.at);
  const deceasedGap: ConsentFacts = {
    consentRecord: 'deceased_unauthorised',
    consentNote: `deceased: no authorisation from the estate or union${performer?.authorisingBody ? ` (${performer.authorisingBody})` : ''}`,
  };
  if (performer === undefined) return { consentRecord: 'none', consentNote: 'no consent on file' };
  const records = [...input.records].sort(newestFirst);
  const here = records.filter((r) => r.productionId === productionId);
  const matching = here.filter((r) => r.use === use);
  const valid = matching.find((r) => validityOn(r, day) === 'valid');
  if (valid !== undefined) {
    if (performer.deceased && !valid.estateAuthorisation) return { ...deceasedGap, consentId: valid.id };
    const until = valid.validTo ? ` until ${valid.validTo}` : '';
    const by = performer.deceased ? `, authorised by ${valid.estateAuthorisation}` : '';
    return {
      consentId: valid.id,
      consentRecord: 'active',
      consentNote: `consent covers ${USE_WORDS[use]} on this production from ${valid.validFrom}${until}${by}: ${valid.description}`,
    };
  }
  const latest = matching[0];
  if (latest !== undefined) return describeGap(latest, validityOn(latest, day) as Exclude<Validity, 'valid'>);
  if (performer.deceased) return deceasedGap;
  const otherUses = [...new Set(here.filter((r) => validityOn(r, day) === 'valid').map((r) => r.use))];
  if (otherUses.length > 0) {
    return {
      consentRecord: 'other_use',
      consentNote: `the consent covers ${otherUses.map((u) => USE_WORDS[u]).join(' and ')}, not ${USE_WORDS[use]}`,
    };
  }
  const elsewhere = records.find((r) => r.productionId !== productionId && r.use === use);
  if (elsewhere !== undefined) {
    return {
      consentRecord: 'other_production',
      consentNote: `the consent covers ${elsewhere.productionTitle}, not this production`,
    };
  }
  return { consentRecord: 'none', consentNote: 'no consent on file' };
}
