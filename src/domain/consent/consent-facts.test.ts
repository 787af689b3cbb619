import { describe, expect, it } from 'vitest';
import { type ConsentPerformer, type ConsentRecord, consentFacts } from './consent-facts.js';

const at = new Date('2026-06-15T12:00:00Z');
const living: ConsentPerformer = { deceased: false, authorisingBody: null };
const record = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: 'c1',
  productionId: 'p1',
  productionTitle: 'Harbour Lights',
  use: 'alteration',
  description: 'De-ageing in the 1970s flashback, episode 3.',
  status: 'active',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  revokedAt: null,
  revokeReason: null,
  estateAuthorisation: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const facts = (
  records: ConsentRecord[],
  use: ConsentRecord['use'] = 'alteration',
  performer: ConsentPerformer = living,
) => consentFacts({ performer, records, productionId: 'p1', use, at });

describe('consent facts', () => {
  it('finds an active consent covering this production and use', () => {
    expect(facts([record()])).toEqual({
      consentId: 'c1',
      consentRecord: 'active',
      consentNote:
        'consent covers alteration on this production from 2026-01-01 until 2026-12-31: De-ageing in the 1970s flashback, episode 3.',
    });
  });

  it('names "no consent on file" for an unknown performer or one with no records', () => {
    expect(
      consentFacts({ performer: undefined, records: [], productionId: 'p1', use: 'alteration', at }),
    ).toEqual({
      consentRecord: 'none',
      consentNote: 'no consent on file',
    });
    expect(facts([])).toEqual({ consentRecord: 'none', consentNote: 'no consent on file' });
  });

  it('names the use the consent covers instead', () => {
    expect(facts([record()], 'voice_replica')).toEqual({
      consentRecord: 'other_use',
      consentNote: 'the consent covers alteration, not a voice replica',
    });
  });

  it('names the production the consent covers instead', () => {
    expect(facts([record({ productionId: 'p2', productionTitle: 'Night Ferry' })])).toEqual({
      consentRecord: 'other_production',
      consentNote: 'the consent covers Night Ferry, not this production',
    });
  });

  it('names the day a consent expired, by date or by the expiry mark', () => {
    expect(facts([record({ validTo: '2026-03-01' })])).toMatchObject({
      consentRecord: 'expired',
      consentNote: 'expired on 2026-03-01',
    });
    expect(facts([record({ status: 'expired', validTo: '2026-12-31' })]).consentRecord).toBe('expired');
  });

  it('counts the last valid day and not the day after', () => {
    const lastDay = record({ validTo: '2026-06-15' });
    expect(facts([lastDay]).consentRecord).toBe('active');
    expect(
      consentFacts({
        performer: living,
        records: [lastDay],
        productionId: 'p1',
        use: 'alteration',
        at: new Date('2026-06-16T00:00:00Z'),
      }).consentRecord,
    ).toBe('expired');
  });

  it('names the revocation day and reason', () => {
    expect(
      facts([
        record({
          status: 'revoked',
          revokedAt: '2026-04-02T10:00:00.000Z',
          revokeReason: 'performer withdrew',
        }),
      ]),
    ).toEqual({
      consentId: 'c1',
      consentRecord: 'revoked',
      consentNote: 'revoked on 2026-04-02: performer withdrew',
    });
  });

  it('names a consent that is not valid yet', () => {
    expect(facts([record({ validFrom: '2026-09-01' })])).toMatchObject({
      consentRecord: 'not_yet_valid',
      consentNote: 'not valid until 2026-09-01',
    });
  });

  it('requires the estate or union authorisation for a deceased performer', () => {
    const deceased = { deceased: true, authorisingBody: 'the Estate of R. Vale' };
    expect(facts([record()], 'alteration', deceased)).toEqual({
      consentId: 'c1',
      consentRecord: 'deceased_unauthorised',
      consentNote: 'deceased: no authorisation from the estate or union (the Estate of R. Vale)',
    });
    expect(facts([], 'alteration', deceased).consentRecord).toBe('deceased_unauthorised');
    const authorised = facts(
      [record({ estateAuthorisation: 'Estate letter 2026-01-05' })],
      'alteration',
      deceased,
    );
    expect(authorised.consentRecord).toBe('active');
    expect(authorised.consentNote).toContain('authorised by Estate letter 2026-01-05');
  });

  it('lets a valid record win over an older revoked one for the same use', () => {
    const revoked = record({
      id: 'old',
      status: 'revoked',
      revokedAt: '2026-02-01T00:00:00Z',
      revokeReason: 'x',
    });
    const renewed = record({ id: 'new', createdAt: '2026-03-01T00:00:00.000Z' });
    expect(facts([revoked, renewed])).toMatchObject({ consentId: 'new', consentRecord: 'active' });
  });
});
