import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../domain/errors.js';
import { requirePermission } from '../../services/authorize.js';
import {
  CONSENT_DOCUMENT_MAX_BYTES,
  CONSENT_DOCUMENT_TYPES,
  readConsentDocument,
  uploadConsentDocument,
} from '../../services/consents/consent-document.js';
import { ConsentInput, PerformerInput } from '../../services/consents/consent-schemas.js';
import { exportConsents, importConsents } from '../../services/consents/import-export-consents.js';
import { listConsents, listPerformers } from '../../services/consents/list-consents.js';
import { recordConsent } from '../../services/consents/record-consent.js';
import { registerPerformer } from '../../services/consents/register-performer.js';
import { RevokeConsentInput, revokeConsent } from '../../services/consents/revoke-consent.js';
import type { RegistryFormat } from '../../services/registry/csv.js';
import { expireRegistryAndApprovals } from '../../services/registry/expire.js';
import { exportTools, importTools } from '../../services/tools/import-export-tools.js';
import { getTool, listTools } from '../../services/tools/list-tools.js';
import { registerTool } from '../../services/tools/register-tool.js';
import { ToolInput } from '../../services/tools/tool-schemas.js';
import { updateTool } from '../../services/tools/update-tool.js';
import type { AppEnv } from '../http/env.js';
import { errorResponse } from '../http/errors.js';
import { etagOf, versionFromIfMatch } from '../http/etag.js';
import { errorResponses, IdParam, IfMatchHeader, writeErrorResponses } from '../http/schemas.js';

/** The upload route takes the document's own bytes, not JSON; app.ts leaves its body to this limit. */
export const CONSENT_DOCUMENT_PATH = /^\/api\/consents\/[^/]+\/document$/;

const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const ok = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

const ToolSchema = z
  .object({
    id: z.string(),
    studioOrgId: z.string(),
    name: z.string(),
    vendor: z.string(),
    storesInputs: z.boolean(),
    retentionDays: z.number().nullable(),
    trainsOnInputs: z.boolean(),
    enterpriseAgreement: z.boolean(),
    sso: z.boolean(),
    deployment: z.string(),
    regions: z.array(z.string()),
    modalities: z.array(z.string()),
    outputsC2pa: z.boolean(),
    status: z.string(),
    statusReason: z.string().nullable(),
    conditions: z.string().nullable(),
    lastReviewedOn: z.string(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('RegistryTool');

const CascadeSchema = z
  .object({ examined: z.number(), reopened: z.array(z.string()), approvalsVoided: z.number() })
  .openapi('RegistryCascade');

const PerformerSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    union: z.string().nullable(),
    deceased: z.boolean(),
    authorisingBody: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Performer');

const ConsentSchema = z
  .object({
    id: z.string(),
    performerId: z.string(),
    productionId: z.string(),
    use: z.string(),
    description: z.string(),
    unionCovered: z.boolean(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    estateAuthorisation: z.string().nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
    revokedAt: z.string().nullable(),
    revokeReason: z.string().nullable(),
    expiredAt: z.string().nullable(),
    documentSha256: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Consent');

const ImportBody = z
  .discriminatedUnion('format', [
    z.strictObject({ format: z.literal('csv'), csv: z.string().max(900_000) }),
    z.strictObject({ format: z.literal('json'), items: z.array(z.unknown()).max(5_000) }),
  ])
  .openapi('RegistryImport', {
    description:
      'CSV text (one header row) or JSON items; a bad row refuses the whole import, naming row, column and reason.',
  });
const ImportResultSchema = z.object({ created: z.number(), updated: z.number(), reopened: z.number() });
const FormatQuery = z.object({ format: z.enum(['csv', 'json']).default('json') });
const exportResponse = {
  200: {
    description: 'The registry as CSV (formulas escaped) or JSON { items } (importable as is)',
    content: {
      'text/csv': { schema: z.string() },
      'application/json': { schema: z.object({ items: z.array(z.unknown()) }) },
    },
  },
  ...errorResponses,
};

const routes = {
  listTools: createRoute({
    method: 'get',
    path: '/api/tools',
    tags: ['registry'],
    summary: "The tool registry (studio staff: every entry; partners: the studios' approved entries)",
    responses: { 200: ok('Tools', z.object({ items: z.array(ToolSchema) })), ...errorResponses },
  }),
  getTool: createRoute({
    method: 'get',
    path: '/api/tools/{toolId}',
    tags: ['registry'],
    summary: 'One tool of the registry, under the same visibility as the list',
    request: { params: IdParam('toolId') },
    responses: { 200: ok('The tool', ToolSchema), ...errorResponses },
  }),
  registerTool: createRoute({
    method: 'post',
    path: '/api/tools',
    tags: ['registry'],
    summary: 'Add a tool to the registry (studio admin)',
    request: { body: json(ToolInput) },
    responses: { 201: ok('Registered', ToolSchema), ...writeErrorResponses },
  }),
  updateTool: createRoute({
    method: 'put',
    path: '/api/tools/{toolId}',
    tags: ['registry'],
    summary:
      'Replace a tool record; a block or changed data handling re-evaluates open disclosures naming it',
    request: { params: IdParam('toolId'), headers: IfMatchHeader, body: json(ToolInput) },
    responses: {
      200: ok(
        'Updated, with the disclosures it re-opened',
        z.object({ tool: ToolSchema, cascade: CascadeSchema.nullable() }),
      ),
      ...writeErrorResponses,
    },
  }),
  exportTools: createRoute({
    method: 'get',
    path: '/api/registry/tools/export',
    tags: ['registry'],
    summary: 'Export the tool registry',
    request: { query: FormatQuery },
    responses: exportResponse,
  }),
  importTools: createRoute({
    method: 'post',
    path: '/api/registry/tools/import',
    tags: ['registry'],
    summary: 'Import tools (all or nothing)',
    request: { body: json(ImportBody) },
    responses: { 200: ok('Imported', ImportResultSchema), ...writeErrorResponses },
  }),
  listPerformers: createRoute({
    method: 'get',
    path: '/api/performers',
    tags: ['registry'],
    summary: "The studio's performers (studio staff)",
    responses: { 200: ok('Performers', z.object({ items: z.array(PerformerSchema) })), ...errorResponses },
  }),
  registerPerformer: createRoute({
    method: 'post',
    path: '/api/performers',
    tags: ['registry'],
    summary: 'Register a performer: display name or role, union, deceased, authorising body (studio legal)',
    request: { body: json(PerformerInput) },
    responses: { 201: ok('Registered', PerformerSchema), ...writeErrorResponses },
  }),
  listConsents: createRoute({
    method: 'get',
    path: '/api/consents',
    tags: ['registry'],
    summary: 'Consent records (studio staff)',
    request: {
      query: z.object({
        productionId: z.string().max(100).optional(),
        performerId: z.string().max(100).optional(),
      }),
    },
    responses: { 200: ok('Consents', z.object({ items: z.array(ConsentSchema) })), ...errorResponses },
  }),
  recordConsent: createRoute({
    method: 'post',
    path: '/api/consents',
    tags: ['registry'],
    summary: "Record a performer's consent for one production and one use (studio legal)",
    request: { body: json(ConsentInput) },
    responses: { 201: ok('Recorded', ConsentSchema), ...writeErrorResponses },
  }),
  revokeConsent: createRoute({
    method: 'post',
    path: '/api/consents/{consentId}/revoke',
    tags: ['registry'],
    summary: 'Revoke a consent; open disclosures relying on it are re-evaluated and their approvals voided',
    request: { params: IdParam('consentId'), body: json(RevokeConsentInput.omit({ consentId: true })) },
    responses: {
      200: ok(
        'Revoked, with the disclosures it re-opened',
        z.object({ consent: ConsentSchema, cascade: CascadeSchema }),
      ),
      ...writeErrorResponses,
    },
  }),
  uploadDocument: createRoute({
    method: 'put',
    path: '/api/consents/{consentId}/document',
    tags: ['registry'],
    summary: `Store the signed consent document (${CONSENT_DOCUMENT_TYPES.join(', ')}; at most 10 MiB; studio legal)`,
    request: {
      params: IdParam('consentId'),
      headers: z.object({ 'x-file-name': z.string().min(1).max(255) }),
    },
    responses: {
      200: ok(
        'Stored',
        z.object({
          consentId: z.string(),
          fileName: z.string(),
          mediaType: z.string(),
          size: z.number(),
          sha256: z.string(),
          uploadedAt: z.string(),
        }),
      ),
      ...writeErrorResponses,
    },
  }),
  readDocument: createRoute({
    method: 'get',
    path: '/api/consents/{consentId}/document',
    tags: ['registry'],
    summary: 'The signed consent document (studio legal only)',
    request: { params: IdParam('consentId') },
    responses: {
      200: {
        description: 'The document bytes; ETag is its SHA-256',
        content: { 'application/octet-stream': { schema: z.string() } },
      },
      ...errorResponses,
    },
  }),
  exportConsents: createRoute({
    method: 'get',
    path: '/api/registry/consents/export',
    tags: ['registry'],
    summary: 'Export the consent registry (no documents)',
    request: { query: FormatQuery },
    responses: exportResponse,
  }),
  importConsents: createRoute({
    method: 'post',
    path: '/api/registry/consents/import',
    tags: ['registry'],
    summary: 'Import consents with their performers (all or nothing)',
    request: { body: json(ImportBody) },
    responses: { 200: ok('Imported', ImportResultSchema), ...writeErrorResponses },
  }),
  expire: createRoute({
    method: 'post',
    path: '/api/registry/expire',
    tags: ['registry'],
    summary: "Mark your studio's consents and approvals past their end now (the daily job does it for all)",
    responses: {
      200: ok(
        'Marked',
        z.object({ consentsExpired: z.number(), approvalsExpired: z.number(), reopened: z.number() }),
      ),
      ...writeErrorResponses,
    },
  }),
};

const importInput = (body: z.infer<typeof ImportBody>): { format: RegistryFormat; body: unknown } =>
  body.format === 'csv' ? { format: 'csv', body: body.csv } : { format: 'json', body: { items: body.items } };

export function registerRegistryRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(routes.listTools, async (c) => c.json({ items: await listTools({ ctx: c.get('ctx') }) }, 200));
  app.openapi(routes.getTool, async (c) => {
    const tool = await getTool({ ctx: c.get('ctx'), input: c.req.valid('param') });
    c.header('ETag', etagOf(tool.version));
    return c.json(tool, 200);
  });
  app.openapi(routes.registerTool, async (c) => {
    const tool = await registerTool({ ctx: c.get('ctx'), input: c.req.valid('json') });
    c.header('ETag', etagOf(tool.version));
    return c.json(tool, 201);
  });
  app.openapi(routes.updateTool, async (c) => {
    const result = await updateTool({
      ctx: c.get('ctx'),
      input: {
        toolId: c.req.valid('param').toolId,
        tool: c.req.valid('json'),
        expectedVersion: versionFromIfMatch(c.req.valid('header')['if-match']),
      },
    });
    c.header('ETag', etagOf(result.tool.version));
    return c.json(result, 200);
  });
  app.openapi(routes.exportTools, async (c) => {
    const { format } = c.req.valid('query');
    const body = await exportTools({ ctx: c.get('ctx'), input: { format } });
    return c.body(body, 200, exportHeaders(format, 'tools')) as never;
  });
  app.openapi(routes.importTools, async (c) =>
    c.json(await importTools({ ctx: c.get('ctx'), input: importInput(c.req.valid('json')) }), 200),
  );
  app.openapi(routes.listPerformers, async (c) =>
    c.json({ items: await listPerformers({ ctx: c.get('ctx') }) }, 200),
  );
  app.openapi(routes.registerPerformer, async (c) =>
    c.json(await registerPerformer({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201),
  );
  app.openapi(routes.listConsents, async (c) =>
    c.json({ items: await listConsents({ ctx: c.get('ctx'), input: c.req.valid('query') }) }, 200),
  );
  app.openapi(routes.recordConsent, async (c) =>
    c.json(await recordConsent({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201),
  );
  app.openapi(routes.revokeConsent, async (c) =>
    c.json(
      await revokeConsent({
        ctx: c.get('ctx'),
        input: { consentId: c.req.valid('param').consentId, reason: c.req.valid('json').reason },
      }),
      200,
    ),
  );
  // The document is the body itself (PDF or image), under its own 10 MiB limit.
  app.use(
    '/api/consents/:consentId/document',
    bodyLimit({
      maxSize: CONSENT_DOCUMENT_MAX_BYTES,
      onError: (c) =>
        errorResponse(
          c as never,
          new AppError(
            'PAYLOAD_TOO_LARGE',
            `A consent document may be at most ${CONSENT_DOCUMENT_MAX_BYTES} bytes (10 MiB).`,
            {
              limit: CONSENT_DOCUMENT_MAX_BYTES,
            },
          ),
        ),
    }),
  );
  app.openapi(routes.uploadDocument, async (c) => {
    // Refused before the body is read: only studio legal may send one.
    requirePermission(c.get('ctx'), 'consent.document.upload');
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const content = new Uint8Array(await c.req.arrayBuffer());
    const meta = await uploadConsentDocument({
      ctx: c.get('ctx'),
      input: {
        consentId: c.req.valid('param').consentId,
        fileName: c.req.valid('header')['x-file-name'],
        mediaType,
        content,
      },
    });
    return c.json(meta, 200);
  });
  app.openapi(routes.readDocument, async (c) => {
    const document = await readConsentDocument({ ctx: c.get('ctx'), input: c.req.valid('param') });
    return c.body(new Uint8Array(document.content), 200, {
      'Content-Type': document.mediaType,
      'Content-Disposition': `attachment; filename="${document.fileName.replace(/["\r\n]/g, '_')}"`,
      ETag: `"sha256-${document.sha256}"`,
      'Cache-Control': 'private, no-store',
    }) as never;
  });
  app.openapi(routes.exportConsents, async (c) => {
    const { format } = c.req.valid('query');
    const body = await exportConsents({ ctx: c.get('ctx'), input: { format } });
    return c.body(body, 200, exportHeaders(format, 'consents')) as never;
  });
  app.openapi(routes.importConsents, async (c) =>
    c.json(await importConsents({ ctx: c.get('ctx'), input: importInput(c.req.valid('json')) }), 200),
  );
  app.openapi(routes.expire, async (c) => {
    const ctx = c.get('ctx');
    requirePermission(ctx, 'registry.expire');
    const result = await expireRegistryAndApprovals({
      store: ctx.store,
      now: new Date(),
      studioOrgId: ctx.principal.orgId,
    });
    return c.json(result, 200);
  });
}

function exportHeaders(format: RegistryFormat, name: string): Record<string, string> {
  return {
    'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
    'Content-Disposition': `attachment; filename="${name}.${format}"`,
    'Cache-Control': 'private, no-store',
  };
}
