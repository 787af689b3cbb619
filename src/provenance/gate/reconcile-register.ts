import type { Finding, ScanItem, ScanReport, Severity } from '../scan/report-types.js';
import type { DeliveryRegister, ItemGate, RegisterAsset, RegisterDisclosure } from './register-types.js';

/**
 * The delivery gate, pure: ties a scan report to a production's asset register and written
 * approvals, and returns the same report with `item.gate`, gate findings and `summary.gate`.
 * The CLI (after fetching the register) and the server's scan job both call this one function,
 * so both give the same report for the same register.
 *
 * Rules (documented in src/provenance/README.md):
 * - Final deliverable: the items the timeline references when a timeline was given, else every
 *   scanned item (a folder handed over for delivery is the deliverable).
 * - AI material: classed ai-generated or ai-composite by its provenance, or its SHA-256 is in the
 *   register (the register is the partner's own statement; stripped metadata does not clear it).
 * - Cleared: the hash is registered against a disclosure whose latest written approval is active,
 *   approves the disclosure's current revision, has not expired at `now`, and the disclosure is
 *   approved or approved_with_conditions. Anything else is a blocker naming what is missing.
 * - Warnings: AI material with an invalid or untrusted manifest; unknown provenance in the final
 *   deliverable; an asset registered as temporary found in the final deliverable.
 */
export function reconcileWithRegister(report: ScanReport, register: DeliveryRegister, now: Date): ScanReport {
  const byHash = new Map(register.assets.map((asset) => [asset.sha256.toLowerCase(), asset]));
  const disclosures = new Map(register.disclosures.map((d) => [d.id, d]));
  const hasTimeline = report.summary.timeline !== null;
  const seenHashes = new Set<string>();

  const items = report.items.map((item) => {
    const asset = item.sha256 === null ? undefined : byHash.get(item.sha256.toLowerCase());
    if (item.sha256 !== null) seenHashes.add(item.sha256.toLowerCase());
    const final = hasTimeline ? item.timelineReferences.length > 0 : true;
    const gate = gateFor(item, asset, final, disclosures, register, now);
    return { ...item, gate, findings: [...item.findings, ...gateFindings(item, gate, asset)] };
  });

  const finalItems = items.filter((item) => item.gate.final);
  const aiInFinal = finalItems.filter((item) => item.gate.ai);
  const reportFindings = report.summary.reportFindings;
  return {
    items,
    summary: {
      ...report.summary,
      findings: countSeverities([...items.flatMap((item) => item.findings), ...reportFindings]),
      gate: {
        productionId: register.productionId,
        productionTitle: register.productionTitle,
        checkedAt: now.toISOString(),
        finalRule: hasTimeline ? 'timeline' : 'every-item',
        finalItems: finalItems.length,
        aiInFinal: aiInFinal.length,
        cleared: aiInFinal.filter((item) => item.gate.status === 'cleared').length,
        notCleared: aiInFinal.filter((item) => item.gate.status === 'not-cleared').length,
        registeredAssets: register.assets.length,
        registeredFinalNotFound: register.assets
          .filter((asset) => asset.usage === 'final' && !seenHashes.has(asset.sha256.toLowerCase()))
          .map((asset) => ({ id: asset.id, fileName: asset.fileName })),
      },
    },
  };
}

function gateFor(
  item: ScanItem,
  asset: RegisterAsset | undefined,
  final: boolean,
  disclosures: ReadonlyMap<string, RegisterDisclosure>,
  register: DeliveryRegister,
  now: Date,
): ItemGate {
  const byProvenance = item.class === 'ai-generated' || item.class === 'ai-composite';
  const aiBecause: ItemGate['aiBecause'] =
    byProvenance && asset !== undefined
      ? 'provenance-and-register'
      : byProvenance
        ? 'provenance'
        : asset !== undefined
          ? 'register'
          : null;
  const assetView =
    asset === undefined
      ? null
      : { id: asset.id, fileName: asset.fileName, usage: asset.usage, disclosureId: asset.disclosureId };
  const base = { final, ai: aiBecause !== null, aiBecause, asset: assetView };
  if (aiBecause === null) {
    return {
      ...base,
      status: 'not-ai',
      disclosure: null,
      approval: null,
      reason:
        item.sha256 === null
          ? 'not read, so not hashed: cannot be matched to the register'
          : `no AI signal in its provenance and its hash is not in the register of ${register.productionTitle}`,
    };
  }
  const match = matchApproval(item, asset, disclosures, register, now);
  if (!final) return { ...base, ...match, status: 'not-final' };
  return { ...base, ...match, status: match.cleared ? 'cleared' : 'not-cleared' };
}

type Match = Pick<ItemGate, 'disclosure' | 'approval' | 'reason'> & { readonly cleared: boolean };

/** Finds the written approval in force that covers the asset, or says which link is missing. */
function matchApproval(
  item: ScanItem,
  asset: RegisterAsset | undefined,
  disclosures: ReadonlyMap<string, RegisterDisclosure>,
  register: DeliveryRegister,
  now: Date,
): Match {
  const none = { disclosure: null, approval: null, cleared: false };
  if (asset === undefined) {
    return {
      ...none,
      reason: `its SHA-256 ${short(item.sha256)} is not in the asset register of ${register.productionTitle}: register it against the disclosure that covers it`,
    };
  }
  if (asset.disclosureId === null) {
    return {
      ...none,
      reason: `registered as asset ${asset.id} (${asset.fileName}) but linked to no disclosure`,
    };
  }
  const disclosure = disclosures.get(asset.disclosureId);
  if (disclosure === undefined) {
    return {
      ...none,
      reason: `registered as asset ${asset.id}, linked to disclosure ${asset.disclosureId}, which is not among the disclosures of this production you can see`,
    };
  }
  const disclosureView = { id: disclosure.id, state: disclosure.state, revision: disclosure.currentRevision };
  const approval = disclosure.approval;
  if (approval === null) {
    return {
      disclosure: disclosureView,
      approval: null,
      cleared: false,
      reason: `disclosure ${disclosure.id} (${disclosure.state}, verdict ${disclosure.outcome ?? 'none'}) holds no written approval`,
    };
  }
  const approvalView = {
    id: approval.id,
    revision: approval.revision,
    issuedAt: approval.issuedAt,
    expiresAt: approval.expiresAt,
    approverId: approval.approverId,
  };
  const withApproval = { disclosure: disclosureView, approval: approvalView };
  if (approval.status !== 'active') {
    return {
      ...withApproval,
      cleared: false,
      reason: `approval ${approval.id} on disclosure ${disclosure.id} was voided (${approval.voidReason ?? 'no reason given'})`,
    };
  }
  if (approval.revision !== disclosure.currentRevision) {
    return {
      ...withApproval,
      cleared: false,
      reason: `approval ${approval.id} covers revision ${approval.revision} but disclosure ${disclosure.id} is at revision ${disclosure.currentRevision}`,
    };
  }
  if (approval.expiresAt !== null && !(Date.parse(approval.expiresAt) > now.getTime())) {
    return {
      ...withApproval,
      cleared: false,
      reason: `approval ${approval.id} on disclosure ${disclosure.id} expired at ${approval.expiresAt}`,
    };
  }
  if (disclosure.state !== 'approved' && disclosure.state !== 'approved_with_conditions') {
    return {
      ...withApproval,
      cleared: false,
      reason: `disclosure ${disclosure.id} is ${disclosure.state}, not approved`,
    };
  }
  return {
    ...withApproval,
    cleared: true,
    reason: `asset ${asset.id} on disclosure ${disclosure.id} revision ${disclosure.currentRevision}, written approval ${approval.id} issued ${approval.issuedAt}${approval.expiresAt === null ? ', no expiry' : `, in force until ${approval.expiresAt}`}`,
  };
}

function gateFindings(item: ScanItem, gate: ItemGate, asset: RegisterAsset | undefined): Finding[] {
  const findings: Finding[] = [];
  const codes = new Set(item.findings.map((finding) => finding.code));
  const where = timelineWhere(item);
  if (gate.status === 'not-cleared') {
    findings.push({
      severity: 'blocker',
      code: 'gate.ai-not-cleared',
      message: `AI material in the final deliverable${where} with no written approval in force: ${gate.reason}`,
    });
  } else if (gate.status === 'cleared') {
    findings.push({ severity: 'info', code: 'gate.cleared', message: `cleared by ${gate.reason}` });
  }
  if (gate.final && asset?.usage === 'temporary') {
    findings.push({
      severity: 'warning',
      code: 'gate.temporary-in-final',
      message: `registered as temporary (asset ${asset.id}, ${asset.fileName}) but found in the final deliverable${where}: replace it or register and clear it as final`,
    });
  }
  // Material that counts as AI only through the register still needs a sound manifest.
  if (gate.aiBecause === 'register') {
    if (item.manifest.validation === 'untrusted' && !codes.has('ai.manifest-untrusted')) {
      findings.push({
        severity: 'warning',
        code: 'ai.manifest-untrusted',
        message: `registered AI material whose C2PA manifest chains to no configured trust anchor (signer ${item.manifest.signer ?? 'unnamed'})`,
      });
    }
    if (item.manifest.validation === 'invalid' && !codes.has('c2pa.manifest-invalid')) {
      findings.push({
        severity: 'warning',
        code: 'ai.manifest-invalid',
        message: 'registered AI material whose C2PA manifest fails validation',
      });
    }
  }
  if (gate.final && !gate.ai && item.class === 'unknown' && !codes.has('timeline.unknown-provenance')) {
    findings.push({
      severity: 'warning',
      code: 'gate.unknown-in-final',
      message: `unknown provenance in the final deliverable${where} (no manifest, no AI source type, not registered): confirm its origin before delivery`,
    });
  }
  return findings;
}

function timelineWhere(item: ScanItem): string {
  const events = item.timelineReferences.map((ref) => ref.event);
  return events.length === 0 ? '' : ` (timeline event ${events.join(', ')})`;
}

function short(sha256: string | null): string {
  return sha256 === null ? '(none)' : `${sha256.slice(0, 12)}…`;
}

function countSeverities(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { blocker: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}
