import { describe, expect, it } from 'vitest';
import { type Condition, compileCondition, FALSE, TRUE, type Tri, UNKNOWN } from './condition.js';
import type { RegistryFacts } from './registry-facts.js';
import { Trail } from './trail.js';

/** Decides `condition` on a disclosure (and registry facts) and says why, as a finding would. */
function decide(condition: Condition, disclosure: Record<string, unknown>, registry?: RegistryFacts) {
  const inputs = { disclosure, registry };
  const trail = new Trail();
  const value: Tri = compileCondition(condition, {})(inputs, undefined, -1, trail);
  return {
    value,
    because: trail.because.evidence(),
    unknowns: trail.unknowns.addLabels([]),
  };
}

const finalYes = { fact: 'output.final', is: 'yes' } as const;
const temporary = { fact: 'principles.temporaryOnly', is: 'yes' } as const;

describe('compiled conditions and their trail', () => {
  it('explains an `any` by its TRUE branches only', () => {
    const root = { output: { final: 'yes' }, principles: { temporaryOnly: 'no' } };
    expect(decide({ any: [temporary, finalYes] }, root)).toEqual({
      value: TRUE,
      because: ['output.final is yes'],
      unknowns: [],
    });
  });

  it('explains a FALSE `any` by every branch, in order', () => {
    const root = { output: { final: 'no' }, principles: { temporaryOnly: 'no' } };
    expect(decide({ any: [temporary, finalYes] }, root)).toEqual({
      value: FALSE,
      because: ['principles.temporaryOnly is no', 'output.final is no'],
      unknowns: [],
    });
  });

  it('explains a FALSE `all` by its first FALSE child alone, even after UNKNOWN ones', () => {
    const root = { output: { final: 'unsure' }, principles: { temporaryOnly: 'no' } };
    expect(decide({ all: [finalYes, temporary] }, root)).toEqual({
      value: FALSE,
      because: ['principles.temporaryOnly is no'],
      unknowns: [],
    });
  });

  it('keeps the open facts of an UNKNOWN, and no evidence', () => {
    const root = { output: { final: 'yes' }, principles: {} };
    expect(decide({ all: [finalYes, temporary] }, root)).toEqual({
      value: UNKNOWN,
      because: [],
      unknowns: ['principles.temporaryOnly'],
    });
  });

  it('turns the evidence of a FALSE child into the evidence of a TRUE `not`', () => {
    const root = { output: { final: 'no' } };
    expect(decide({ not: finalYes }, root)).toMatchObject({ value: TRUE, because: ['output.final is no'] });
  });

  it('names list items by their place, and only the items that decided a `some`', () => {
    const root = { tools: [{ enterprise: 'yes' }, { enterprise: 'no' }, { enterprise: 'unsure' }] };
    expect(decide({ some: 'tools', where: { fact: '$.enterprise', is: 'no' } }, root)).toEqual({
      value: TRUE,
      because: ['tools[1].enterprise is no'],
      unknowns: [],
    });
    const undecided = { tools: [{ enterprise: 'yes' }, { enterprise: 'unsure' }] };
    expect(decide({ some: 'tools', where: { fact: '$.enterprise', is: 'no' } }, undecided)).toEqual({
      value: UNKNOWN,
      because: [],
      unknowns: ['tools[1].enterprise'],
    });
  });

  it('asks for a list that was left out, and names what a set includes', () => {
    expect(decide({ some: 'tools', where: { fact: '$.enterprise', is: 'no' } }, {})).toMatchObject({
      value: UNKNOWN,
      unknowns: ['tools'],
    });
    const root = { prompts: { references: ['brand', 'real_event', 'artist_style'] } };
    const includes = { fact: 'prompts.references', includes: ['artist_style', 'brand'] };
    expect(decide(includes, root)).toMatchObject({
      value: TRUE,
      because: ['prompts.references includes brand, artist_style'],
    });
  });

  it('reads registry facts beside the item at the same place of the list', () => {
    const disclosure = { tools: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] };
    const registry: RegistryFacts = {
      tools: [{ registryStatus: 'approved' }, null, { registryStatus: 'blocked' }],
    };
    const blocked = { some: 'tools', where: { fact: '$.registryStatus', is: 'blocked' } };
    expect(decide(blocked, disclosure, registry)).toMatchObject({
      value: TRUE,
      because: ['tools[2].registryStatus is blocked'],
    });
    expect(decide(blocked, disclosure)).toMatchObject({
      value: FALSE,
      because: [
        'tools[0].registryStatus is not_checked',
        'tools[1].registryStatus is not_checked',
        'tools[2].registryStatus is not_checked',
      ],
    });
  });
});
