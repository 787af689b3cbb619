import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { getProduction, listProductions } from '../../services/productions/read-productions.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses, IdParam } from '../http/schemas.js';

const ProductionSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    format: z.string(),
    studioOrgId: z.string(),
    partnerOrgId: z.string(),
    vendorOrgIds: z.array(z.string()),
    createdAt: z.string(),
  })
  .openapi('Production');

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
  responses: {
    200: { description: 'The production', content: { 'application/json': { schema: ProductionSchema } } },
    ...errorResponses,
  },
});

export function registerProductionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRoute, async (c) =>
    c.json({ items: z.array(ProductionSchema).parse(await listProductions({ ctx: c.get('ctx') })) }, 200),
  );
  app.openapi(getRoute, async (c) =>
    c.json(
      ProductionSchema.parse(await getProduction({ ctx: c.get('ctx'), input: c.req.valid('param') })),
      200,
    ),
  );
}
