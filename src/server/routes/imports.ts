import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { importDisclosures } from '../../services/imports/import-disclosures.js';
import type { AppEnv } from '../http/env.js';
import { IdParam, writeErrorResponses } from '../http/schemas.js';

const ImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    rows: z.array(
      z.object({
        row: z.number(),
        description: z.string(),
        outcome: z.string(),
        rules: z.array(z.string()),
        disclosureId: z.string().optional(),
        state: z.string().optional(),
      }),
    ),
  })
  .openapi('ImportResult');

const importRoute = createRoute({
  method: 'post',
  path: '/api/productions/{productionId}/imports',
  tags: ['disclosures'],
  summary: 'Bulk import disclosures from YAML or CSV; dryRun shows each row’s verdict and writes nothing',
  description:
    'Any bad row refuses the whole file with 400 and details.rows = [{ row, column, reason }]; nothing is written. ' +
    'Sending the same file again after an interrupted import finishes it without duplicates. CSV columns are dotted ' +
    'paths into clearframe/disclosure@1 (see src/services/imports/parse-import.ts).',
  request: {
    params: IdParam('productionId'),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            format: z.enum(['yaml', 'csv']),
            content: z.string().min(1).max(900_000),
            dryRun: z.boolean().default(false),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'Dry run: the verdict of each row',
      content: { 'application/json': { schema: ImportResultSchema } },
    },
    201: {
      description: 'Imported: each row’s disclosure',
      content: { 'application/json': { schema: ImportResultSchema } },
    },
    ...writeErrorResponses,
  },
});

export function registerImportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(importRoute, async (c) => {
    const body = c.req.valid('json');
    const result = ImportResultSchema.parse(
      await importDisclosures({ ctx: c.get('ctx'), input: { ...body, ...c.req.valid('param') } }),
    );
    return result.dryRun ? c.json(result, 200) : c.json(result, 201);
  });
}
