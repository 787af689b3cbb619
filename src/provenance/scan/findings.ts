import type { Classification } from '../classify/classify.js';
import type { C2paSummary } from '../media/c2pa-summary.js';
import type { Finding } from './report-types.js';

/**
 * Offline findings. Blockers need the asset register and approvals (the server), so an offline
 * scan raises none; it warns on what a delivery QC must look at, and notes the rest.
 */
export function provenanceFindings(
  classification: Classification,
  c2pa: C2paSummary | null,
  xmpProvenance: string | null,
): Finding[] {
  const findings: Finding[] = [];
  const isAi = classification.class === 'ai-generated' || classification.class === 'ai-composite';
  if (c2pa?.validation === 'invalid') {
    const codes = c2pa.failureCodes.join(', ') || c2pa.validationState;
    findings.push({
      severity: 'warning',
      code: isAi ? 'ai.manifest-invalid' : 'c2pa.manifest-invalid',
      message: `${isAi ? 'AI material with a C2PA manifest' : 'C2PA manifest'} that fails validation (${codes}): the file changed after signing or the signature is bad; the class is read from the broken manifest`,
    });
  } else if (c2pa?.validation === 'untrusted') {
    findings.push({
      severity: isAi ? 'warning' : 'info',
      code: isAi ? 'ai.manifest-untrusted' : 'c2pa.manifest-untrusted',
      message: `C2PA manifest is intact but its signer (${c2pa.signer ?? 'unnamed'}) chains to no configured trust anchor; add anchors with --trust if this signer should be trusted`,
    });
  }
  const weak = classification.evidence.filter((evidence) => evidence.strength === 'weak');
  if (weak.length > 0 && classification.evidence.every((evidence) => evidence.strength === 'weak')) {
    findings.push({
      severity: 'info',
      code: 'ai.product-name-only',
      message: `classed ${classification.class} only because the ${weak[0]?.source === 'claim-generator' ? 'claim generator' : 'software agent'} names a GenAI product ("${weak[0]?.value ?? ''}"); no digital source type is stated`,
    });
  }
  if (classification.class === 'unknown') {
    findings.push({
      severity: 'info',
      code: 'provenance.unknown',
      message: 'no C2PA manifest and no AI digital source type in XMP: provenance unknown, not proven clean',
    });
  }
  if (c2pa === null && xmpProvenance !== null) {
    findings.push({
      severity: 'info',
      code: 'xmp.dangling-manifest-reference',
      message: `XMP dcterms:provenance points at a C2PA manifest (${xmpProvenance}) that is not in the file: it was stripped or is stored remotely (not fetched offline)`,
    });
  }
  return findings;
}

/** The final cut may not carry media of unknown origin unnoticed. */
export function timelineUnknownFinding(events: readonly string[]): Finding {
  return {
    severity: 'warning',
    code: 'timeline.unknown-provenance',
    message: `on the timeline (event ${events.join(', ')}) with unknown provenance: confirm its origin before delivery`,
  };
}
