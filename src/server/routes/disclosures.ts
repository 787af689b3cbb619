import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { DISCLOSURE_STATES } from '../../domain/review/transitions.js';
import { addComment } from '../../services/disclosures/add-comment.js';
import { completeCondition } from '../../services/disclosures/complete-condition.js';
import { DECISIONS, decideDisclosure } from '../../services/disclosures/decide-disclosure.js';
import {
  getDisclosure,
  listComments,
  listDisclosures,
  listRevisions,
} from '../../services/disclosures/read-disclosures.js';
import { reviseDisclosure } from '../../services/disclosures/revise-disclosure.js';
import { submitDisclosure } from '../../services/disclosures/submit-disclosure.js';
import { withdrawDisclosure } from '../../services/disclosures/withdraw-disclosure.js';
import type { AppEnv } from '../http/env.js';
import { etagOf, versionFromIfMatch } from '../http/etag.js';
import {
  DisclosureDocument,
  DisclosureSchema,
  errorResponses,
  IdempotencyKeyHeader,
  IdParam,
  IfMatchHeader,
  RevisionSchema,
  writeErrorResponses,
} from '../http/schemas.js';

const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const disclosureResponse = (description: string) => ({
  description,
  headers: z.object({ ETag: z.string().openapi({ example: '"v2"' }) }),
  content: { 'application/json': { schema: DisclosureSchema } },
});

const submitRoute = createRoute({
  method: 'post',
  path: '/api/productions/{productionId}/disclosures',
  tags: ['disclosures'],
  summary: 'Disclose a GenAI use; answers with the verdict and the state it was routed to',
  request: {
    params: IdParam('productionId'),
    headers: IdempotencyKeyHeader,
    body: json(
      z.strictObject({
        disclosure: DisclosureDocument,
        draft: z.boolean().optional().openapi({ description: 'Save without submitting' }),
      }),
    ),
  },
  responses: { 201: disclosureResponse('Created and routed'), ...writeErrorResponses },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/disclosures',
  tags: ['disclosures'],
  summary: 'Disclosures you can see, newest change first',
  request: {
    query: z.strictObject({
      productionId: z.string().max(100).optional(),
      state: z.enum(DISCLOSURE_STATES).optional(),
      limit: z.coerce.number().int().min(1).max(200).optional(),
      offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Disclosures',
      content: { 'application/json': { schema: z.object({ items: z.array(DisclosureSchema) }) } },
    },
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/disclosures/{disclosureId}',
  tags: ['disclosures'],
  summary: 'One disclosure with its current revision, verdict, approval and allowed moves',
  request: { params: IdParam('disclosureId') },
  responses: { 200: disclosureResponse('The disclosure'), ...errorResponses },
});

const reviseRoute = createRoute({
  method: 'post',
  path: '/api/disclosures/{disclosureId}/revisions',
  tags: ['disclosures'],
  summary: 'Revise a disclosure; a material change voids an approval and re-opens review',
  request: {
    params: IdParam('disclosureId'),
    headers: IfMatchHeader,
    body: json(z.strictObject({ disclosure: DisclosureDocument })),
  },
  responses: { 200: disclosureResponse('Revised and re-evaluated'), ...writeErrorResponses },
});

const revisionsRoute = createRoute({
  method: 'get',
  path: '/api/disclosures/{disclosureId}/revisions',
  tags: ['disclosures'],
  summary: 'Every revision with its verdict, pack and input hash',
  request: { params: IdParam('disclosureId') },
  responses: {
    200: {
      description: 'Revisions',
      content: { 'application/json': { schema: z.object({ items: z.array(RevisionSchema) }) } },
    },
    ...errorResponses,
  },
});

const ConditionInput = z.strictObject({
  text: z.string().trim().min(1).max(2000),
  ownerId: z.string().max(100).optional(),
  dueDate: z.iso.date().optional().openapi({ example: '2026-03-31' }),
});

const decideRoute = createRoute({
  method: 'post',
  path: '/api/disclosures/{disclosureId}/decisions',
  tags: ['review'],
  summary: 'Acknowledge, request information, approve (with conditions and expiry) or reject',
  request: {
    params: IdParam('disclosureId'),
    headers: IfMatchHeader,
    body: json(
      z.strictObject({
        decision: z.enum(DECISIONS),
        note: z.string().max(5000).optional(),
        expiresAt: z.iso.datetime({ offset: true }).optional(),
        conditions: z.array(ConditionInput).max(50).optional(),
      }),
    ),
  },
  responses: { 200: disclosureResponse('Decided'), ...writeErrorResponses },
});

const withdrawRoute = createRoute({
  method: 'post',
  path: '/api/disclosures/{disclosureId}/withdraw',
  tags: ['disclosures'],
  summary: 'Withdraw a disclosure (final)',
  request: { params: IdParam('disclosureId'), headers: IfMatchHeader },
  responses: { 200: disclosureResponse('Withdrawn'), ...writeErrorResponses },
});

const completeConditionRoute = createRoute({
  method: 'post',
  path: '/api/conditions/{conditionId}/complete',
  tags: ['review'],
  summary: 'Mark a condition of the approval in force as done',
  request: { params: IdParam('conditionId') },
  responses: { 200: disclosureResponse('The disclosure with the condition done'), ...writeErrorResponses },
});

const CommentSchema = z
  .object({ id: z.string(), authorId: z.string(), body: z.string(), createdAt: z.string() })
  .openapi('Comment');

const addCommentRoute = createRoute({
  method: 'post',
  path: '/api/disclosures/{disclosureId}/comments',
  tags: ['disclosures'],
  summary: 'Comment on a disclosure',
  request: {
    params: IdParam('disclosureId'),
    headers: IdempotencyKeyHeader,
    body: json(z.strictObject({ body: z.string().trim().min(1).max(5000) })),
  },
  responses: {
    201: { description: 'Comment added', content: { 'application/json': { schema: CommentSchema } } },
    ...writeErrorResponses,
  },
});

const listCommentsRoute = createRoute({
  method: 'get',
  path: '/api/disclosures/{disclosureId}/comments',
  tags: ['disclosures'],
  summary: 'Comments on a disclosure, oldest first',
  request: { params: IdParam('disclosureId') },
  responses: {
    200: {
      description: 'Comments',
      content: { 'application/json': { schema: z.object({ items: z.array(CommentSchema) }) } },
    },
    ...errorResponses,
  },
});

export function registerDisclosureRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(submitRoute, async (c) => {
    const { disclosure, draft } = c.req.valid('json');
    const { result, replayed } = await submitDisclosure({
      ctx: c.get('ctx'),
      input: {
        productionId: c.req.valid('param').productionId,
        disclosure,
        draft,
        idempotencyKey: c.req.valid('header')['idempotency-key'],
      },
    });
    if (replayed) c.header('Idempotent-Replayed', 'true');
    c.header('ETag', etagOf(result.version));
    c.header('Location', `/api/disclosures/${result.id}`);
    return c.json(DisclosureSchema.parse(result), 201);
  });
  app.openapi(listRoute, async (c) => {
    const items = await listDisclosures({ ctx: c.get('ctx'), input: c.req.valid('query') });
    return c.json({ items: z.array(DisclosureSchema).parse(items) }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const view = await getDisclosure({ ctx: c.get('ctx'), input: c.req.valid('param') });
    c.header('ETag', etagOf(view.version));
    return c.json(DisclosureSchema.parse(view), 200);
  });
  app.openapi(reviseRoute, async (c) => {
    const view = await reviseDisclosure({
      ctx: c.get('ctx'),
      input: {
        disclosureId: c.req.valid('param').disclosureId,
        disclosure: c.req.valid('json').disclosure,
        expectedVersion: versionFromIfMatch(c.req.valid('header')['if-match']),
      },
    });
    c.header('ETag', etagOf(view.version));
    return c.json(DisclosureSchema.parse(view), 200);
  });
  app.openapi(revisionsRoute, async (c) => {
    const items = await listRevisions({ ctx: c.get('ctx'), input: c.req.valid('param') });
    return c.json({ items: z.array(RevisionSchema).parse(items) }, 200);
  });
  app.openapi(decideRoute, async (c) => {
    const view = await decideDisclosure({
      ctx: c.get('ctx'),
      input: {
        ...c.req.valid('json'),
        disclosureId: c.req.valid('param').disclosureId,
        expectedVersion: versionFromIfMatch(c.req.valid('header')['if-match']),
      },
    });
    c.header('ETag', etagOf(view.version));
    return c.json(DisclosureSchema.parse(view), 200);
  });
  app.openapi(withdrawRoute, async (c) => {
    const view = await withdrawDisclosure({
      ctx: c.get('ctx'),
      input: {
        disclosureId: c.req.valid('param').disclosureId,
        expectedVersion: versionFromIfMatch(c.req.valid('header')['if-match']),
      },
    });
    c.header('ETag', etagOf(view.version));
    return c.json(DisclosureSchema.parse(view), 200);
  });
  app.openapi(completeConditionRoute, async (c) => {
    const view = await completeCondition({ ctx: c.get('ctx'), input: c.req.valid('param') });
    c.header('ETag', etagOf(view.version));
    return c.json(DisclosureSchema.parse(view), 200);
  });
  app.openapi(addCommentRoute, async (c) => {
    const { result, replayed } = await addComment({
      ctx: c.get('ctx'),
      input: {
        disclosureId: c.req.valid('param').disclosureId,
        body: c.req.valid('json').body,
        idempotencyKey: c.req.valid('header')['idempotency-key'],
      },
    });
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result, 201);
  });
  app.openapi(listCommentsRoute, async (c) => {
    const items = await listComments({ ctx: c.get('ctx'), input: c.req.valid('param') });
    return c.json({ items }, 200);
  });
}
