import { z } from '@hono/zod-openapi';
import { DISCLOSURE_STATES, WORKFLOW_EVENTS } from '../../domain/review/transitions.js';

/** Response and shared request schemas: one source for runtime checks and the OpenAPI document. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'INVALID_TRANSITION' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  400: { description: 'Invalid input', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: {
    description: 'Not permitted, or CSRF token missing',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  404: { description: 'Not found (or not yours)', content: { 'application/json': { schema: ErrorSchema } } },
  413: { description: 'Body over the 1 MiB limit', content: { 'application/json': { schema: ErrorSchema } } },
  415: { description: 'Body is not JSON', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const writeErrorResponses = {
  ...errorResponses,
  409: { description: 'Illegal move or conflict', content: { 'application/json': { schema: ErrorSchema } } },
  412: { description: 'If-Match does not match', content: { 'application/json': { schema: ErrorSchema } } },
  422: {
    description: 'Idempotency-Key reused with another body',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;

/** A path id parameter; an id that does not exist (or is not yours) answers 404 from the service. */
export function IdParam<K extends string>(name: K) {
  const shape = {
    [name]: z
      .string()
      .min(1)
      .max(100)
      // NUL and other control characters can never be in an id, and PostgreSQL refuses NUL in text.
      .refine((id) => !/\p{Cc}/u.test(id), 'must not contain control characters')
      .openapi({ param: { name, in: 'path' } }),
  } as Record<K, z.ZodString>;
  return z.object(shape);
}

export const ConditionSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    ownerId: z.string().nullable(),
    dueDate: z.string().nullable(),
    status: z.enum(['open', 'done']),
    completedBy: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .openapi('Condition');

export const ApprovalSchema = z
  .object({
    id: z.string(),
    revision: z.number().int(),
    approverId: z.string(),
    issuedAt: z.string(),
    expiresAt: z.string().nullable(),
    status: z.enum(['active', 'voided']),
    voidReason: z.string().nullable(),
    conditions: z.array(ConditionSchema),
  })
  .openapi('Approval');

export const RevisionSchema = z
  .object({
    number: z.number().int(),
    outcome: z.enum(['notify', 'escalate', 'approval', 'prohibited']),
    pack: z.string().openapi({ example: 'netflix-genai-2025-08@1.0.0' }),
    inputHash: z.string(),
    disclosure: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The normalised clearframe/disclosure@1 object' }),
    verdict: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The verdict object of disclosure-format.md' }),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('Revision');

export const DisclosureSchema = z
  .object({
    id: z.string(),
    productionId: z.string(),
    organisationId: z.string(),
    state: z.enum(DISCLOSURE_STATES),
    version: z.number().int(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    revision: RevisionSchema,
    approval: ApprovalSchema.nullable(),
    allowedMoves: z.array(z.enum(WORKFLOW_EVENTS)),
  })
  .openapi('Disclosure');

/** The disclosure document itself is validated by src/policy (every issue at once), not here. */
export const DisclosureDocument = z.record(z.string(), z.unknown()).openapi('DisclosureDocument', {
  description: 'A clearframe/disclosure@1 object (see disclosure-format.md)',
});

export const IdempotencyKeyHeader = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().openapi({
    description:
      'Idempotency-Key: the same key and body replay the first response (header Idempotent-Replayed: true); the same key with another body is refused with 422. A key is remembered for 24 hours from its first use; after that it counts as new.',
  }),
});

export const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .optional()
    .openapi({ description: 'If-Match: the ETag you read, e.g. "v3"; 412 if stale' }),
});
