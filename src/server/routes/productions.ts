import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createProduction } from '../../services/productions/create-production.js';
import {
  MAX_CONTACTS,
  MAX_VENDORS,
  PRODUCTION_FORMATS,
} from '../../services/productions/production-input.js';
import type { ProductionView } from '../../services/productions/production-view.js';
import { getProduction, listProductions } from '../../services/productions/read-productions.js';
import {
  setProductionContacts,
  setProductionVendors,
  updateProduction,
} from '../../services/productions/update-production.js';
import type { AppEnv } from '../http/env.js';
import { etagOf, versionFromIfMatch } from '../http/etag.js';
import {
  errorResponses,
  IdempotencyKeyHeader,
  IdParam,
  IfMatchHeader,
  writeErrorResponses,
} from '../http/schemas.js';

const ProductionSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    format: z.string().openapi({ example: 'scripted' }),
    studioOrgId: z.string(),
    partnerOrgId: z.string(),
    vendorOrgIds: z.array(z.string()),
    contactIds: z
      .array(z.string())
      .openapi({ description: 'Named studio contacts; when empty, every studio contact is told' }),
    version: z.number().int().openapi({ description: 'What the ETag is made of: "v{version}"' }),
    createdAt: z.string(),
  })
  .openapi('Production');

const Id = z.string().min(1).max(100);
const Title = z.string().trim().min(1).max(200).openapi({ example: 'Harbour Lights' });
const Format = z.enum(PRODUCTION_FORMATS);
const VendorOrgIds = z
  .array(Id)
  .max(MAX_VENDORS)
  .openapi({ description: 'Ids of vendor organisations attached to the production' });
const ContactIds = z
  .array(Id)
  .max(MAX_CONTACTS)
  .openapi({ description: 'Ids of active studio_contact users of your studio' });

const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const productionResponse = (description: string) => ({
  description,
  headers: z.object({ ETag: z.string().openapi({ example: '"v2"' }) }),
  content: { 'application/json': { schema: ProductionSchema } },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/productions',
  tags: ['productions'],
  summary: 'Productions you can see',
  responses: {
    200: {
      description: 'Productions',
      content: { 'application/json': { schema: z.object({ items: z.array(ProductionSchema) }) } },
    },
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/productions/{productionId}',
  tags: ['productions'],
  summary: 'One production',
  request: { params: IdParam('productionId') },
  responses: { 200: productionResponse('The production'), ...errorResponses },
});

const createProductionRoute = createRoute({
  method: 'post',
  path: '/api/productions',
  tags: ['productions'],
  summary: 'Create a production of your studio (studio admins)',
  description:
    'The partner must be a partner organisation, each vendor a vendor organisation, each contact an active studio contact of your studio; every problem is named in details.issues.',
  request: {
    headers: IdempotencyKeyHeader,
    body: json(
      z.strictObject({
        title: Title,
        format: Format,
        partnerOrgId: Id,
        vendorOrgIds: VendorOrgIds.optional(),
        contactIds: ContactIds.optional(),
      }),
    ),
  },
  responses: { 201: productionResponse('Created'), ...writeErrorResponses },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/api/productions/{productionId}',
  tags: ['productions'],
  summary: 'Change the title or format of a production (studio admins)',
  request: {
    params: IdParam('productionId'),
    headers: IfMatchHeader,
    body: json(z.strictObject({ title: Title.optional(), format: Format.optional() })),
  },
  responses: { 200: productionResponse('Updated (or unchanged)'), ...writeErrorResponses },
});

const vendorsRoute = createRoute({
  method: 'put',
  path: '/api/productions/{productionId}/vendors',
  tags: ['productions'],
  summary: 'Set the vendors attached to a production (the whole list; studio admins)',
  request: {
    params: IdParam('productionId'),
    headers: IfMatchHeader,
    body: json(z.strictObject({ vendorOrgIds: VendorOrgIds })),
  },
  responses: { 200: productionResponse('Vendors set'), ...writeErrorResponses },
});

const contactsRoute = createRoute({
  method: 'put',
  path: '/api/productions/{productionId}/contacts',
  tags: ['productions'],
  summary: 'Set the studio contacts named on a production (the whole list; studio admins)',
  request: {
    params: IdParam('productionId'),
    headers: IfMatchHeader,
    body: json(z.strictObject({ contactIds: ContactIds })),
  },
  responses: { 200: productionResponse('Contacts set'), ...writeErrorResponses },
});

export function registerProductionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) =>
    c.json({ items: z.array(ProductionSchema).parse(await listProductions({ ctx: c.get('ctx') })) }, 200),
  );
  app.openapi(getRoute, async (c) =>
    withEtag(c, await getProduction({ ctx: c.get('ctx'), input: c.req.valid('param') })),
  );
  app.openapi(createProductionRoute, async (c) => {
    const { result, replayed } = await createProduction({
      ctx: c.get('ctx'),
      input: { ...c.req.valid('json'), idempotencyKey: c.req.valid('header')['idempotency-key'] },
    });
    if (replayed) c.header('Idempotent-Replayed', 'true');
    c.header('ETag', etagOf(result.version));
    c.header('Location', `/api/productions/${result.id}`);
    return c.json(ProductionSchema.parse(result), 201);
  });
  app.openapi(updateRoute, async (c) =>
    withEtag(
      c,
      await updateProduction({
        ctx: c.get('ctx'),
        input: changeOf(c.req.valid('json'), c.req.valid('param'), c.req.valid('header')),
      }),
    ),
  );
  app.openapi(vendorsRoute, async (c) =>
    withEtag(
      c,
      await setProductionVendors({
        ctx: c.get('ctx'),
        input: changeOf(c.req.valid('json'), c.req.valid('param'), c.req.valid('header')),
      }),
    ),
  );
  app.openapi(contactsRoute, async (c) =>
    withEtag(
      c,
      await setProductionContacts({
        ctx: c.get('ctx'),
        input: changeOf(c.req.valid('json'), c.req.valid('param'), c.req.valid('header')),
      }),
    ),
  );
}

/** A change's input: its body, the production id, and the If-Match version (absent: no precondition). */
function changeOf<J extends object>(
  json: J,
  param: { productionId: string },
  header: { 'if-match'?: string | undefined },
): J & { productionId: string; expectedVersion: number | undefined } {
  return {
    ...json,
    productionId: param.productionId,
    expectedVersion: versionFromIfMatch(header['if-match']),
  };
}

/** The production with its ETag, as every read and change answers. */
function withEtag(c: Context<AppEnv>, view: ProductionView) {
  c.header('ETag', etagOf(view.version));
  return c.json(ProductionSchema.parse(view), 200);
}
