import PDFDocument from 'pdfkit';
import type { ProductionReport } from './production-report.js';

/** Collects a pdfkit document into one Buffer. */
export function pdfToBuffer(
  build: (doc: PDFKit.PDFDocument) => void,
  info: PDFKit.DocumentInfo = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // A fixed creation date keeps the bytes of one report reproducible given its data.
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Producer: 'Clearframe', Creator: 'Clearframe', ...info },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    build(doc);
    doc.end();
  });
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc
    .moveDown(0.8)
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(text)
    .font('Helvetica')
    .fontSize(10)
    .moveDown(0.3);
}

/** The production report as a filing-ready PDF: one section per list, every row in full. */
export function renderReportPdf(report: ProductionReport): Promise<Buffer> {
  return pdfToBuffer(
    (doc) => {
      doc.font('Helvetica-Bold').fontSize(18).text(`AI use report: ${report.production.title}`);
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(`Production ${report.production.id} (${report.production.format})`);
      doc.text(`Generated ${report.generatedAt}`);

      heading(doc, `Disclosures (${report.disclosures.length})`);
      for (const d of report.disclosures) {
        doc.font('Helvetica-Bold').text(`${d.id}: ${d.state}, verdict ${d.outcome}`);
        doc.font('Helvetica').text(d.description);
        doc.text(`Revision ${d.revision}, pack ${d.pack}, by ${d.submittedBy} on ${d.createdAt}`);
        doc.text(`Rules: ${d.rules.join(', ') || 'none'}`);
        doc.text(`Input hash: ${d.inputHash}`).moveDown(0.4);
      }

      heading(doc, `Approvals (${report.approvals.length})`);
      for (const a of report.approvals) {
        doc.text(
          `${a.id}: ${a.status}; disclosure ${a.disclosureId} revision ${a.revision}; approved by ${a.approver} on ${a.issuedAt}; expires ${a.expiresAt ?? 'never'}`,
        );
      }

      heading(doc, `Conditions (${report.conditions.length})`);
      for (const c of report.conditions) {
        doc.text(
          `${c.status === 'done' ? '[done]' : '[open]'} ${c.text} (owner ${c.owner ?? 'unassigned'}, due ${c.dueDate ?? 'no date'}${c.completedAt ? `, done ${c.completedAt}` : ''})`,
        );
      }

      if (report.consents !== null) {
        heading(doc, `Consents (${report.consents.length})`);
        for (const c of report.consents) {
          doc.text(
            `${c.performer}: ${c.use}, ${c.status}, valid ${c.validFrom} to ${c.validTo ?? 'open-ended'}`,
          );
        }
      }

      heading(doc, `Delivery-gate scans (${report.scans.length})`);
      for (const s of report.scans) doc.text(`${s.id}: ${s.status} on ${s.createdAt} ${s.summary}`);
    },
    { Title: `AI use report: ${report.production.title}` },
  );
}
