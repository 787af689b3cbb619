import { describe, expect, it } from 'vitest';
import type { ProvenanceClass } from '../classify/classify.js';
import type { ScanItem, ScanReport, TimelineReference } from '../scan/report-types.js';
import { reconcileWithRegister } from './reconcile-register.js';
import type { DeliveryRegister, RegisterApproval, RegisterDisclosure } from './register-types.js';

const NOW = new Date('2030-06-01T00:00:00Z');
const hash = (n: number) => n.toString(16).padStart(64, '0');

function item(n: number, cls: ProvenanceClass, extra: Partial<ScanItem> = {}): ScanItem {
  return {
    path: `/media/${n}.png`,
    sha256: hash(n),
    bytes: 10,
    mediaType: 'image/png',
    class: cls,
    manifest: {
      present: cls !== 'unknown',
      validation: cls === 'unknown' ? 'none' : 'trusted',
      activeManifest: null,
      claimGenerator: null,
      signer: null,
      validationState: null,
      failureCodes: [],
      manifests: [],
    },
    digitalSourceTypes: [],
    evidence: [],
    xmp: null,
    timelineReferences: [],
    findings: [],
    ...extra,
  };
}

function report(items: ScanItem[], withTimeline = false): ScanReport {
  return {
    items,
    summary: {
      items: items.length,
      byClass: { 'ai-generated': 0, 'ai-composite': 0, 'no-ai-signal': 0, unknown: 0 },
      byValidation: { trusted: 0, untrusted: 0, invalid: 0, none: 0 },
      findings: { blocker: 0, warning: 0, info: 0 },
      reportFindings: [],
      incomplete: false,
      skippedNonMedia: 0,
      trustAnchors: [],
      timeline: withTimeline
        ? {
            file: 'cut.edl',
            format: 'edl',
            name: null,
            fps: 25,
            events: 1,
            mediaReferences: 1,
            matchedItems: 1,
            unmatchedClips: [],
          }
        : null,
      bytes: 0,
      seconds: 0,
    },
  };
}

const onTimeline = (event: string): TimelineReference[] => [
  {
    timeline: 'cut.edl',
    event,
    clip: null,
    track: 'V',
    recordIn: null,
    via: [],
    location: { line: 3 } as never,
  },
];

const approval = (over: Partial<RegisterApproval> = {}): RegisterApproval => ({
  id: 'ap-1',
  revision: 1,
  approverId: 'legal',
  issuedAt: '2030-01-01T00:00:00.000Z',
  expiresAt: '2031-01-01T00:00:00.000Z',
  status: 'active',
  voidReason: null,
  ...over,
});

function register(
  disclosure: Partial<RegisterDisclosure> = {},
  usage: 'final' | 'temporary' = 'final',
): DeliveryRegister {
  return {
    productionId: 'prod-1',
    productionTitle: 'Harbour Lights',
    assets: [
      { id: 'as-1', sha256: hash(1), fileName: '1.png', mediaType: 'image/png', usage, disclosureId: 'd-1' },
    ],
    disclosures: [
      {
        id: 'd-1',
        state: 'approved_with_conditions',
        currentRevision: 1,
        outcome: 'approval',
        approval: approval(),
        ...disclosure,
      },
    ],
  };
}

const codes = (r: ScanReport, n: number) =>
  r.items.find((i) => i.sha256 === hash(n))?.findings.map((f) => f.code);

describe('reconcileWithRegister', () => {
  it('clears AI material registered against a disclosure whose approval is in force, naming both', () => {
    const out = reconcileWithRegister(report([item(1, 'ai-generated')]), register(), NOW);
    const gate = out.items[0]?.gate;
    expect(gate).toMatchObject({ status: 'cleared', disclosure: { id: 'd-1' }, approval: { id: 'ap-1' } });
    expect(gate?.reason).toContain('ap-1');
    expect(out.summary.findings.blocker).toBe(0);
    expect(out.summary.gate).toMatchObject({
      finalRule: 'every-item',
      aiInFinal: 1,
      cleared: 1,
      notCleared: 0,
    });
  });

  it('blocks AI material whose hash is not registered, saying so', () => {
    const out = reconcileWithRegister(report([item(2, 'ai-composite')]), register(), NOW);
    expect(codes(out, 2)).toEqual(['gate.ai-not-cleared']);
    expect(out.items[0]?.gate?.reason).toMatch(/not in the asset register of Harbour Lights/);
    expect(out.summary.findings.blocker).toBe(1);
  });

  it.each([
    ['expired', { approval: approval({ expiresAt: '2030-05-31T23:59:59.000Z' }) }, /expired at/],
    [
      'voided',
      { approval: approval({ status: 'voided', voidReason: 'material change' }) },
      /voided \(material change\)/,
    ],
    ['out of scope', { currentRevision: 2, state: 'in_review' }, /covers revision 1 but .* revision 2/],
    ['missing', { approval: null, state: 'acknowledged', outcome: 'notify' }, /holds no written approval/],
    ['withdrawn', { state: 'withdrawn' }, /is withdrawn, not approved/],
  ])('blocks when the approval is %s', (_name, disclosure, reason) => {
    const out = reconcileWithRegister(report([item(1, 'ai-generated')]), register(disclosure), NOW);
    expect(out.items[0]?.gate?.status).toBe('not-cleared');
    expect(out.items[0]?.gate?.reason).toMatch(reason);
    expect(codes(out, 1)).toContain('gate.ai-not-cleared');
  });

  it('treats a registered hash as AI material even when the file carries no AI signal', () => {
    const out = reconcileWithRegister(report([item(1, 'unknown')]), register({ approval: null }), NOW);
    expect(out.items[0]?.gate).toMatchObject({ ai: true, aiBecause: 'register', status: 'not-cleared' });
  });

  it('with a timeline, only items it references are final: unused AI material does not block', () => {
    const used = item(1, 'ai-generated', { timelineReferences: onTimeline('001') });
    const unused = item(3, 'ai-generated');
    const out = reconcileWithRegister(report([used, unused], true), register(), NOW);
    expect(out.items.map((i) => i.gate?.status)).toEqual(['cleared', 'not-final']);
    expect(out.summary.gate).toMatchObject({ finalRule: 'timeline', finalItems: 1 });
    expect(out.summary.findings.blocker).toBe(0);
  });

  it('warns when an asset registered as temporary is in the final cut', () => {
    const used = item(1, 'ai-generated', { timelineReferences: onTimeline('007') });
    const out = reconcileWithRegister(report([used], true), register({}, 'temporary'), NOW);
    const finding = out.items[0]?.findings.find((f) => f.code === 'gate.temporary-in-final');
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain('event 007');
  });

  it('warns on unknown provenance in the final deliverable, once', () => {
    const out = reconcileWithRegister(report([item(4, 'unknown')]), register(), NOW);
    expect(codes(out, 4)).toEqual(['gate.unknown-in-final']);
    const flagged = item(4, 'unknown', {
      findings: [{ severity: 'warning', code: 'timeline.unknown-provenance', message: 'x' }],
      timelineReferences: onTimeline('002'),
    });
    expect(codes(reconcileWithRegister(report([flagged], true), register(), NOW), 4)).toEqual([
      'timeline.unknown-provenance',
    ]);
  });

  it('warns when registered AI material carries an untrusted manifest', () => {
    const base = item(1, 'no-ai-signal');
    const untrusted = {
      ...base,
      manifest: { ...base.manifest, validation: 'untrusted' as const, signer: 'Acme' },
    };
    const out = reconcileWithRegister(report([untrusted]), register(), NOW);
    expect(codes(out, 1)).toEqual(['gate.cleared', 'ai.manifest-untrusted']);
  });

  it('lists registered final assets that no scanned file matched', () => {
    const out = reconcileWithRegister(report([item(9, 'no-ai-signal')]), register(), NOW);
    expect(out.summary.gate?.registeredFinalNotFound).toEqual([{ id: 'as-1', fileName: '1.png' }]);
    expect(out.items[0]?.gate?.status).toBe('not-ai');
  });
});
