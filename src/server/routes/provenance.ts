import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ScanReport } from '../../provenance/scan/report-types.js';
import { getDeliveryRegister } from '../../services/assets/delivery-register.js';
import { MAX_ASSETS_PER_REQUEST } from '../../services/assets/limits.js';
import { linkAsset } from '../../services/assets/link-asset.js';
import { listAssets } from '../../services/assets/read-assets.js';
import { registerAssets } from '../../services/assets/register-assets.js';
import { getScan, listScans } from '../../services/scans/read-scans.js';
import { submitScan } from '../../services/scans/submit-scan.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses, IdParam, writeErrorResponses } from '../http/schemas.js';
import {
  AssetSchema,
  DeliveryRegisterSchema,
  RegisterAssetSchema,
  ScanDetailSchema,
  ScanReportSchema,
  ScanSchema,
} from './provenance-schemas.js';

/** The asset register and the delivery gate: register and link AI assets, submit and read scans. */
const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const ok = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

const registerRoute = createRoute({
  method: 'post',
  path: '/api/productions/{productionId}/assets',
  tags: ['provenance'],
  summary: 'Register AI-generated assets on a production (all or nothing)',
  request: {
    params: IdParam('productionId'),
    body: json(z.strictObject({ assets: z.array(RegisterAssetSchema).min(1).max(MAX_ASSETS_PER_REQUEST) })),
  },
  responses: { 201: ok('Registered', z.object({ items: z.array(AssetSchema) })), ...writeErrorResponses },
});

const listAssetsRoute = createRoute({
  method: 'get',
  path: '/api/productions/{productionId}/assets',
  tags: ['provenance'],
  summary: 'Registered assets of a production',
  request: { params: IdParam('productionId') },
  responses: { 200: ok('Assets', z.object({ items: z.array(AssetSchema) })), ...errorResponses },
});

const linkRoute = createRoute({
  method: 'post',
  path: '/api/assets/{assetId}/disclosure',
  tags: ['provenance'],
  summary: 'Link a registered asset to the disclosure that covers it',
  request: {
    params: IdParam('assetId'),
    body: json(z.strictObject({ disclosureId: z.string().min(1).max(100) })),
  },
  responses: { 200: ok('Linked', AssetSchema), ...writeErrorResponses },
});

const registerViewRoute = createRoute({
  method: 'get',
  path: '/api/productions/{productionId}/delivery-register',
  tags: ['provenance'],
  summary: 'Registered assets and disclosures with their latest written approval, for the delivery gate',
  request: { params: IdParam('productionId') },
  responses: { 200: ok('The register', DeliveryRegisterSchema), ...errorResponses },
});

const submitScanRoute = createRoute({
  method: 'post',
  path: '/api/productions/{productionId}/scans',
  tags: ['provenance'],
  summary: 'Store a scan made by `clearframe scan` and reconcile it in the background',
  request: { params: IdParam('productionId'), body: json(z.strictObject({ report: ScanReportSchema })) },
  responses: { 202: ok('Queued for reconciliation', ScanSchema), ...writeErrorResponses },
});

const listScansRoute = createRoute({
  method: 'get',
  path: '/api/productions/{productionId}/scans',
  tags: ['provenance'],
  summary: 'Delivery-gate scans of a production, newest first',
  request: {
    params: IdParam('productionId'),
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }),
  },
  responses: { 200: ok('Scans', z.object({ items: z.array(ScanSchema) })), ...errorResponses },
});

const getScanRoute = createRoute({
  method: 'get',
  path: '/api/scans/{scanId}',
  tags: ['provenance'],
  summary: 'One scan with its reconciled report',
  request: { params: IdParam('scanId') },
  responses: { 200: ok('The scan', ScanDetailSchema), ...errorResponses },
});

export function registerProvenanceRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(registerRoute, async (c) => {
    const { productionId } = c.req.valid('param');
    const items = await registerAssets({
      ctx: c.get('ctx'),
      input: { productionId, ...c.req.valid('json') },
    });
    return c.json({ items: z.array(AssetSchema).parse(items) }, 201);
  });
  app.openapi(listAssetsRoute, async (c) =>
    c.json(
      {
        items: z
          .array(AssetSchema)
          .parse(await listAssets({ ctx: c.get('ctx'), input: c.req.valid('param') })),
      },
      200,
    ),
  );
  app.openapi(linkRoute, async (c) =>
    c.json(
      AssetSchema.parse(
        await linkAsset({ ctx: c.get('ctx'), input: { ...c.req.valid('param'), ...c.req.valid('json') } }),
      ),
      200,
    ),
  );
  app.openapi(registerViewRoute, async (c) =>
    c.json(
      DeliveryRegisterSchema.parse(
        await getDeliveryRegister({ ctx: c.get('ctx'), input: c.req.valid('param') }),
      ),
      200,
    ),
  );
  app.openapi(submitScanRoute, async (c) => {
    const { productionId } = c.req.valid('param');
    // The schema checked every field the gate reads; the rest of the report is kept as sent.
    const report = c.req.valid('json').report as unknown as ScanReport;
    return c.json(await submitScan({ ctx: c.get('ctx'), input: { productionId, report } }), 202);
  });
  app.openapi(listScansRoute, async (c) =>
    c.json(
      {
        items: await listScans({
          ctx: c.get('ctx'),
          input: { ...c.req.valid('param'), ...c.req.valid('query') },
        }),
      },
      200,
    ),
  );
  app.openapi(getScanRoute, async (c) =>
    c.json(await getScan({ ctx: c.get('ctx'), input: c.req.valid('param') }), 200),
  );
}
