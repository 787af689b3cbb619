import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { AppEnv } from '../http/env.js';

const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['system'],
  summary: 'Ready: migrations applied and the database answers',
  responses: {
    200: {
      description: 'Ready',
      content: {
        'application/json': {
          schema: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
        },
      },
    },
  },
});

/** The app is created only after migrations ran, so answering at all means they are done. */
export function registerHealth(app: OpenAPIHono<AppEnv>): void {
  app.openapi(healthRoute, async (c) => {
    const store = c.get('store');
    await store.transaction((tx) => tx.execute(sql`select 1`));
    return c.json({ status: 'ok' as const, database: store.kind }, 200);
  });
}
