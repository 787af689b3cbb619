import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { renderApprovalLetter } from '../../services/reports/approval-letter.js';
import { buildProductionReport } from '../../services/reports/production-report.js';
import { renderReportCsv } from '../../services/reports/render-csv.js';
import { renderReportPdf } from '../../services/reports/render-pdf.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses, IdParam } from '../http/schemas.js';

/** Production reports (CSV, PDF) and the written-approval letter (PDF with a verification code). */

const binary = z.string().openapi({ format: 'binary' });

const reportRoute = createRoute({
  method: 'get',
  path: '/api/productions/{productionId}/report',
  tags: ['reports'],
  summary: 'Every disclosure, verdict, approval, condition, consent and scan of a production',
  request: {
    params: IdParam('productionId'),
    query: z.object({ format: z.enum(['csv', 'pdf']).default('csv') }),
  },
  responses: {
    200: {
      description: 'The report; CSV cells beginning with = + - @ are prefixed with a quote (no formulas)',
      content: { 'text/csv': { schema: z.string() }, 'application/pdf': { schema: binary } },
    },
    ...errorResponses,
  },
});

const letterRoute = createRoute({
  method: 'get',
  path: '/api/approvals/{approvalId}/letter',
  tags: ['reports'],
  summary:
    'The written-approval letter as PDF, with a code `clearframe verify-letter` checks against the ledger',
  request: { params: IdParam('approvalId') },
  responses: {
    200: { description: 'The letter', content: { 'application/pdf': { schema: binary } } },
    ...errorResponses,
  },
});

export function registerReportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(reportRoute, async (c) => {
    const { productionId } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const report = await buildProductionReport({ ctx: c.get('ctx'), input: { productionId, format } });
    const name = `clearframe-report-${productionId}.${format}`;
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    if (format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(renderReportCsv(report), 200);
    }
    c.header('Content-Type', 'application/pdf');
    return c.body(new Uint8Array(await renderReportPdf(report)), 200);
  });
  app.openapi(letterRoute, async (c) => {
    const letter = await renderApprovalLetter({ ctx: c.get('ctx'), input: c.req.valid('param') });
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `attachment; filename="approval-${letter.approvalId}.pdf"`);
    c.header('Clearframe-Verification-Code', letter.code);
    return c.body(new Uint8Array(letter.pdf), 200);
  });
}
