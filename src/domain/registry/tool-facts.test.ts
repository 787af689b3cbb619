import { describe, expect, it } from 'vitest';
import { type ToolEntry, toolFacts, toolFactsFor, toolKey } from './tool-facts.js';

const entry = (over: Partial<ToolEntry> = {}): ToolEntry => ({
  id: 't1',
  name: 'Studio Image Enterprise',
  storesInputs: false,
  trainsOnInputs: false,
  enterpriseAgreement: true,
  status: 'approved',
  statusReason: null,
  conditions: null,
  lastReviewedOn: '2026-05-02',
  ...over,
});

describe('tool facts from a registry entry', () => {
  it('reports an approved, enterprise tool that keeps nothing', () => {
    expect(toolFacts(entry())).toEqual({
      registryId: 't1',
      registryStatus: 'approved',
      registryRetainsData: 'no',
      registryEnterprise: 'yes',
    });
  });

  it('counts storing inputs or training on them as retaining data', () => {
    expect(toolFacts(entry({ storesInputs: true })).registryRetainsData).toBe('yes');
    expect(toolFacts(entry({ trainsOnInputs: true })).registryRetainsData).toBe('yes');
    expect(toolFacts(entry({ enterpriseAgreement: false })).registryEnterprise).toBe('no');
  });

  it('carries the block reason or the conditions, with the review date, as the note', () => {
    expect(toolFacts(entry({ status: 'blocked', statusReason: 'trains on uploads' }))).toMatchObject({
      registryStatus: 'blocked',
      registryNote: 'trains on uploads (reviewed 2026-05-02)',
    });
    expect(
      toolFacts(entry({ status: 'approved_with_conditions', conditions: 'no talent likeness' })),
    ).toMatchObject({
      registryStatus: 'approved_with_conditions',
      registryNote: 'no talent likeness (reviewed 2026-05-02)',
    });
  });

  it('marks a tool missing from the registry as unregistered', () => {
    expect(toolFacts(undefined)).toEqual({ registryStatus: 'unregistered' });
  });

  it('matches names without case or surrounding space, by list index', () => {
    const registry = new Map([[toolKey('Studio Image Enterprise'), entry()]]);
    const facts = toolFactsFor([' studio IMAGE enterprise', 'Free Chat'], registry);
    expect(facts.map((f) => f.registryStatus)).toEqual(['approved', 'unregistered']);
  });
});
