import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { EMAIL_KINDS, LANGUAGES } from '../../services/notifications/kinds.js';
import { getPreferences, updatePreferences } from '../../services/notifications/update-preferences.js';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  redeliverWebhook,
} from '../../services/webhooks/manage-webhooks.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses, IdParam, writeErrorResponses } from '../http/schemas.js';

/** Email preferences and webhooks (issue 8). docs/webhooks.md documents what a receiver gets. */

const PreferencesSchema = z
  .object({
    language: z.enum(LANGUAGES),
    optedOut: z.array(z.enum(EMAIL_KINDS)),
    digest: z.boolean(),
  })
  .openapi('NotificationPreferences');

const UpdatePreferencesSchema = z
  .object({
    language: z
      .string()
      .optional()
      .openapi({ description: `One of ${LANGUAGES.join(', ')}` }),
    optedOut: z
      .array(z.string())
      .max(EMAIL_KINDS.length)
      .optional()
      .openapi({ description: `Email kinds not wanted: ${EMAIL_KINDS.join(', ')}` }),
    digest: z.boolean().optional(),
  })
  .openapi('UpdateNotificationPreferences');

const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    secretHint: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Webhook');

const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().openapi({ description: 'The signing secret. Shown in this answer only; store it now.' }),
}).openapi('CreatedWebhook');

const DeliverySchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number(),
    lastStatusCode: z.number().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    log: z.array(
      z.object({
        attempt: z.number(),
        at: z.string(),
        statusCode: z.number().nullable(),
        error: z.string().nullable(),
        durationMs: z.number(),
      }),
    ),
  })
  .openapi('WebhookDelivery');

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

const getPreferencesRoute = createRoute({
  method: 'get',
  path: '/api/me/notification-preferences',
  tags: ['notifications'],
  summary: 'Your email preferences',
  responses: { 200: { description: 'Preferences', ...json(PreferencesSchema) }, ...errorResponses },
});

const putPreferencesRoute = createRoute({
  method: 'put',
  path: '/api/me/notification-preferences',
  tags: ['notifications'],
  summary: 'Change your email language, opt out of kinds, turn the daily digest on or off',
  request: { body: { required: true, ...json(UpdatePreferencesSchema) } },
  responses: { 200: { description: 'Preferences now', ...json(PreferencesSchema) }, ...writeErrorResponses },
});

const listWebhooksRoute = createRoute({
  method: 'get',
  path: '/api/webhooks',
  tags: ['webhooks'],
  summary: "Your organisation's webhooks",
  responses: {
    200: { description: 'Webhooks', ...json(z.object({ items: z.array(WebhookSchema) })) },
    ...errorResponses,
  },
});

const createWebhookRoute = createRoute({
  method: 'post',
  path: '/api/webhooks',
  tags: ['webhooks'],
  summary: 'Register a webhook; the answer carries its signing secret, once',
  request: {
    body: {
      required: true,
      ...json(
        z.object({
          url: z.string().max(2000).openapi({ example: 'https://tracker.example.com/clearframe' }),
          events: z
            .array(z.string().max(100))
            .min(1)
            .max(100)
            .openapi({
              example: ['disclosure.submitted', 'disclosure.decided'],
              description: 'Ledger event types, or "*"',
            }),
        }),
      ),
    },
  },
  responses: { 201: { description: 'Created', ...json(CreatedWebhookSchema) }, ...writeErrorResponses },
});

const deleteWebhookRoute = createRoute({
  method: 'delete',
  path: '/api/webhooks/{webhookId}',
  tags: ['webhooks'],
  summary: 'Disable a webhook (its delivery log stays)',
  request: { params: IdParam('webhookId') },
  responses: { 204: { description: 'Disabled' }, ...writeErrorResponses },
});

const deliveriesRoute = createRoute({
  method: 'get',
  path: '/api/webhooks/{webhookId}/deliveries',
  tags: ['webhooks'],
  summary: 'Delivery log: each event sent, its status and every attempt',
  request: {
    params: IdParam('webhookId'),
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }),
  },
  responses: {
    200: { description: 'Deliveries, newest first', ...json(z.object({ items: z.array(DeliverySchema) })) },
    ...errorResponses,
  },
});

const redeliverRoute = createRoute({
  method: 'post',
  path: '/api/webhook-deliveries/{deliveryId}/redeliver',
  tags: ['webhooks'],
  summary: 'Send a delivery again now (same body, fresh signature)',
  request: { params: IdParam('deliveryId') },
  responses: {
    202: {
      description: 'Queued',
      ...json(z.object({ deliveryId: z.string(), status: z.literal('pending') })),
    },
    ...writeErrorResponses,
  },
});

export function registerIntegrationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getPreferencesRoute, async (c) =>
    c.json(PreferencesSchema.parse(await getPreferences({ ctx: c.get('ctx') })), 200),
  );
  app.openapi(putPreferencesRoute, async (c) =>
    c.json(
      PreferencesSchema.parse(await updatePreferences({ ctx: c.get('ctx'), input: c.req.valid('json') })),
      200,
    ),
  );
  app.openapi(listWebhooksRoute, async (c) =>
    c.json({ items: z.array(WebhookSchema).parse(await listWebhooks({ ctx: c.get('ctx') })) }, 200),
  );
  app.openapi(createWebhookRoute, async (c) =>
    c.json(
      CreatedWebhookSchema.parse(await createWebhook({ ctx: c.get('ctx'), input: c.req.valid('json') })),
      201,
    ),
  );
  app.openapi(deleteWebhookRoute, async (c) => {
    await deleteWebhook({ ctx: c.get('ctx'), input: c.req.valid('param') });
    return c.body(null, 204);
  });
  app.openapi(deliveriesRoute, async (c) =>
    c.json(
      {
        items: z.array(DeliverySchema).parse(
          await listDeliveries({
            ctx: c.get('ctx'),
            input: { ...c.req.valid('param'), ...c.req.valid('query') },
          }),
        ),
      },
      200,
    ),
  );
  app.openapi(redeliverRoute, async (c) =>
    c.json(await redeliverWebhook({ ctx: c.get('ctx'), input: c.req.valid('param') }), 202),
  );
}
