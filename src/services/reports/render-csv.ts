import { stringify } from 'csv-stringify/sync';
import type { ProductionReport } from './production-report.js';

export const CSV_COLUMNS = [
  'section',
  'id',
  'disclosure_id',
  'approval_id',
  'status',
  'outcome',
  'text',
  'person',
  'date',
  'due_or_expires',
  'details',
] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>;

/**
 * One CSV for the whole production, a `section` column telling rows apart so that a
 * spreadsheet filter gives each list. `escape_formulas` prefixes a quote to any cell that
 * starts with = + - @ (or tab / carriage return), so a partner-written description such as
 * `=HYPERLINK(...)` is shown as text, never run, when the file is opened in a spreadsheet.
 */
export function renderReportCsv(report: ProductionReport): string {
  const rows: Row[] = [];
  for (const d of report.disclosures) {
    rows.push({
      section: 'disclosure',
      id: d.id,
      disclosure_id: d.id,
      status: d.state,
      outcome: d.outcome,
      text: d.description,
      person: d.submittedBy,
      date: d.createdAt,
      details: `revision ${d.revision}; pack ${d.pack}; rules ${d.rules.join(' ')}; input ${d.inputHash}`,
    });
  }
  for (const a of report.approvals) {
    rows.push({
      section: 'approval',
      id: a.id,
      disclosure_id: a.disclosureId,
      approval_id: a.id,
      status: a.status,
      person: a.approver,
      date: a.issuedAt,
      due_or_expires: a.expiresAt,
      details: `revision ${a.revision}`,
    });
  }
  for (const c of report.conditions) {
    rows.push({
      section: 'condition',
      id: c.id,
      approval_id: c.approvalId,
      status: c.status,
      text: c.text,
      person: c.owner,
      date: c.completedAt,
      due_or_expires: c.dueDate,
    });
  }
  for (const c of report.consents ?? []) {
    rows.push({
      section: 'consent',
      id: c.id,
      status: c.status,
      text: c.use,
      person: c.performer,
      date: c.validFrom,
      due_or_expires: c.validTo,
    });
  }
  for (const s of report.scans) {
    rows.push({ section: 'scan', id: s.id, status: s.status, date: s.createdAt, details: s.summary });
  }
  return stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS],
    escape_formulas: true,
    quoted_match: /[\n\r",]/,
  });
}
