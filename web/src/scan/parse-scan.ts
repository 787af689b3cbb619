/**
 * Reads a `clearframe scan --json` report (design.md "scan JSON"). The file comes from the
 * user, so every field the page shows is checked; fields beyond the contract are ignored.
 */
export const CLASSES = ['ai-generated', 'ai-composite', 'no-ai-signal', 'unknown'] as const;
export const VALIDATIONS = ['trusted', 'untrusted', 'invalid', 'none'] as const;
export const SEVERITIES = ['blocker', 'warning', 'info'] as const;
export type ProvenanceClass = (typeof CLASSES)[number];
export type Validation = (typeof VALIDATIONS)[number];
export type Severity = (typeof SEVERITIES)[number];

export type ScanFinding = { readonly severity: Severity; readonly code: string; readonly message: string };
export type ScanItem = {
  readonly path: string;
  readonly sha256: string | null;
  readonly mediaType: string | null;
  readonly class: ProvenanceClass;
  readonly manifest: {
    readonly present: boolean;
    readonly validation: Validation;
    readonly signer: string | null;
  };
  readonly digitalSourceTypes: readonly string[];
  readonly findings: readonly ScanFinding[];
};
export type ScanReport = {
  readonly items: readonly ScanItem[];
  readonly reportFindings: readonly ScanFinding[];
  readonly incomplete: boolean;
};

export type ParseResult =
  | { readonly ok: true; readonly report: ScanReport }
  | { readonly ok: false; readonly message: string };

class Invalid extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function oneOf<T extends string>(values: readonly T[], v: unknown, where: string): T {
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  throw new Invalid(`${where} is ${JSON.stringify(v)}; expected one of ${values.join(', ')}`);
}

function text(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new Invalid(`${where} must be text`);
  return v;
}

const optionalText = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function findings(v: unknown, where: string): ScanFinding[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Invalid(`${where} must be a list`);
  return v.map((f, i) => {
    if (!isRecord(f)) throw new Invalid(`${where}[${i}] must be an object`);
    return {
      severity: oneOf(SEVERITIES, f['severity'], `${where}[${i}].severity`),
      code: text(f['code'], `${where}[${i}].code`),
      message: text(f['message'], `${where}[${i}].message`),
    };
  });
}

function item(v: unknown, i: number): ScanItem {
  const where = `items[${i}]`;
  if (!isRecord(v)) throw new Invalid(`${where} must be an object`);
  const manifest = v['manifest'];
  if (!isRecord(manifest)) throw new Invalid(`${where}.manifest must be an object`);
  const types = v['digitalSourceTypes'] ?? [];
  if (!Array.isArray(types) || !types.every((t) => typeof t === 'string'))
    throw new Invalid(`${where}.digitalSourceTypes must be a list of text`);
  return {
    path: text(v['path'], `${where}.path`),
    sha256: optionalText(v['sha256']),
    mediaType: optionalText(v['mediaType']),
    class: oneOf(CLASSES, v['class'], `${where}.class`),
    manifest: {
      present: manifest['present'] === true,
      validation: oneOf(VALIDATIONS, manifest['validation'], `${where}.manifest.validation`),
      signer: optionalText(manifest['signer']),
    },
    digitalSourceTypes: types as string[],
    findings: findings(v['findings'], `${where}.findings`),
  };
}

export function parseScanReport(raw: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return { ok: false, message: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  try {
    if (!isRecord(value) || !Array.isArray(value['items']))
      throw new Invalid('expected an object with an "items" list');
    const summary = isRecord(value['summary']) ? value['summary'] : {};
    return {
      ok: true,
      report: {
        items: value['items'].map(item),
        reportFindings: findings(summary['reportFindings'], 'summary.reportFindings'),
        incomplete: summary['incomplete'] === true,
      },
    };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, message: e.message };
    throw e;
  }
}

/** Findings by severity over the whole report. */
export function severityCounts(report: ScanReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { blocker: 0, warning: 0, info: 0 };
  for (const f of [...report.reportFindings, ...report.items.flatMap((i) => i.findings)])
    counts[f.severity]++;
  return counts;
}
