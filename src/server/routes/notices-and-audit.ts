import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { verifyOwnLedger } from '../../services/audit/verify-ledger.js';
import { listNotices } from '../../services/notices/list-notices.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses } from '../http/schemas.js';

const NoticeSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    disclosureId: z.string(),
    payload: z.unknown(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('Notice');

const noticesRoute = createRoute({
  method: 'get',
  path: '/api/notices',
  tags: ['review'],
  summary: 'Notices addressed to you (every disclosure on your productions)',
  responses: {
    200: {
      description: 'Notices',
      content: { 'application/json': { schema: z.object({ items: z.array(NoticeSchema) }) } },
    },
    ...errorResponses,
  },
});

const verifyRoute = createRoute({
  method: 'get',
  path: '/api/audit/verify',
  tags: ['audit'],
  summary: "Verify your organisation's audit hash chain",
  responses: {
    200: {
      description: 'Chain verdict; ok false names the first broken event',
      content: {
        'application/json': {
          schema: z.object({
            ok: z.boolean(),
            orgId: z.string(),
            events: z.number(),
            head: z.string().optional(),
            eventId: z.string().optional(),
            seq: z.number().optional(),
            reason: z.string().optional(),
          }),
        },
      },
    },
    ...errorResponses,
  },
});

export function registerNoticeAndAuditRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(noticesRoute, async (c) => c.json({ items: await listNotices({ ctx: c.get('ctx') }) }, 200));
  app.openapi(verifyRoute, async (c) => c.json(await verifyOwnLedger({ ctx: c.get('ctx') }), 200));
}
