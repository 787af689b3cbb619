import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainedRecord, chainHash, GENESIS_HASH, verifyChain } from './chain.js';

function buildChain(orgId: string, n: number): ChainedRecord[] {
  const events: ChainedRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const record = {
      id: `evt-${seq}`,
      orgId,
      seq,
      type: 'disclosure.submitted',
      actor: { kind: 'user' as const, id: 'u1' },
      at: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString(),
      data: { disclosureId: `d${seq}`, revision: 1 },
    };
    const hash = chainHash(prev, record);
    events.push({ ...record, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

describe('audit hash chain', () => {
  it('verifies an untouched chain and reports its head', () => {
    const events = buildChain('org-a', 5);
    const verdict = verifyChain('org-a', events, { seq: 5, hash: events[4]!.hash });
    expect(verdict).toEqual({ ok: true, orgId: 'org-a', events: 5, head: events[4]!.hash });
  });

  it('editing any past event fails verification at exactly that event', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), fc.string(), (n, pick, text) => {
        const events = buildChain('org-a', n);
        const index = pick % n;
        const victim = events[index]!;
        const edited = { ...victim, data: { ...(victim.data as object), note: text } };
        const tampered = events.map((e, i) => (i === index ? edited : e));
        const verdict = verifyChain('org-a', tampered);
        expect(verdict.ok).toBe(false);
        if (!verdict.ok) expect(verdict.eventId).toBe(victim.id);
      }),
    );
  });

  it('names a removed event by the gap it leaves', () => {
    const events = buildChain('org-a', 4);
    const verdict = verifyChain('org-a', [events[0]!, events[2]!, events[3]!]);
    expect(verdict).toMatchObject({ ok: false, eventId: 'evt-3', reason: expect.stringContaining('gap') });
  });

  it('catches events cut off the end through the recorded head', () => {
    const events = buildChain('org-a', 3);
    const verdict = verifyChain('org-a', events.slice(0, 2), { seq: 3, hash: events[2]!.hash });
    expect(verdict.ok).toBe(false);
  });
});

describe('audit hash chain, page by page', () => {
  it('gives the same verdict when walked in two halves', () => {
    const events = buildChain('org-b', 6);
    const first = verifyChain('org-b', events.slice(0, 3));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const second = verifyChain(
      'org-b',
      events.slice(3),
      { seq: 6, hash: events[5]!.hash },
      {
        seq: first.events,
        hash: first.head,
      },
    );
    expect(second).toEqual(verifyChain('org-b', events, { seq: 6, hash: events[5]!.hash }));
  });
});
