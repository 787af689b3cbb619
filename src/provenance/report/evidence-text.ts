import type { Evidence } from '../classify/classify.js';
import type { GateSummary } from '../gate/register-types.js';
import type { ScanItem } from '../scan/report-types.js';

/** One line saying why an item has its class, shared by the text and HTML reports. */
export function describeEvidence(item: ScanItem): string {
  const first: Evidence | undefined = item.evidence[0];
  if (first !== undefined) {
    const where =
      first.source === 'xmp'
        ? 'XMP Iptc4xmpExt:DigitalSourceType'
        : [first.action, first.assertion, first.manifest === null ? null : `in ${first.manifest}`]
            .filter(Boolean)
            .join(' ');
    const term = first.value.trim().split('/').at(-1) ?? first.value;
    const label =
      first.strength === 'weak'
        ? `${SOURCE_LABEL[first.source]} "${first.value}" (weak)`
        : `${term} on ${where}`;
    return item.evidence.length > 1 ? `${label} (+${item.evidence.length - 1} more)` : label;
  }
  if (item.manifest.present)
    return `manifest by ${item.manifest.claimGenerator ?? 'unknown generator'}; no AI source type`;
  return 'no manifest';
}

const SOURCE_LABEL: Readonly<Record<Evidence['source'], string>> = {
  'c2pa-action': 'action',
  'c2pa-action-parameter': 'action parameter',
  'c2pa-ingredient-manifest': 'ingredient manifest',
  xmp: 'XMP',
  'claim-generator': 'claim generator',
  'software-agent': 'software agent',
};

/** `3 events: 001 (V 01:00:00:00), ...` for the items a timeline uses. */
export function describeTimelineUse(item: ScanItem): string | null {
  if (item.timelineReferences.length === 0) return null;
  const uses = item.timelineReferences.map(
    (ref) =>
      `${ref.event} (${ref.track}${ref.recordIn === null ? '' : ` ${ref.recordIn}`}${ref.via.length > 0 ? ` in ${ref.via.join(' > ')}` : ''})`,
  );
  return `on ${item.timelineReferences[0]?.timeline ?? 'timeline'}: event ${uses.join(', ')}`;
}

/** `gate: cleared by ...` or `gate: NOT CLEARED: ...` for a report reconciled with a production. */
export function describeGate(item: ScanItem): string | null {
  const gate = item.gate;
  if (gate === undefined) return null;
  const label: Record<typeof gate.status, string> = {
    cleared: 'cleared',
    'not-cleared': 'NOT CLEARED',
    'not-ai': 'no AI material',
    'not-final': 'AI material, not in the final deliverable',
  };
  return `gate: ${label[gate.status]}: ${gate.reason}`;
}

/** One line on the gate: which production, which rule, how much AI material is cleared. */
export function describeGateSummary(gate: GateSummary): string {
  const rule = gate.finalRule === 'timeline' ? 'items on the timeline' : 'every scanned item (no timeline)';
  const missing =
    gate.registeredFinalNotFound.length === 0
      ? ''
      : `; ${gate.registeredFinalNotFound.length} asset(s) registered as final not found among the files`;
  return `delivery gate for ${gate.productionTitle} (${gate.productionId}): final deliverable = ${rule}: ${gate.finalItems} items, ${gate.aiInFinal} AI, ${gate.cleared} cleared, ${gate.notCleared} NOT cleared${missing}`;
}
