import { z } from '@hono/zod-openapi';
import { ApprovalSchema } from '../http/schemas.js';

/**
 * Schemas of the asset register and the delivery-gate scans: one source for the runtime check
 * and the OpenAPI document. The scan report schema checks the fields the gate reads (the
 * `clearframe scan --json` contract of design.md) and keeps every other field as sent.
 */
const text = (max: number) => z.string().max(max);

export const AssetC2paSchema = z
  .strictObject({
    activeManifest: text(500).nullable(),
    claimGenerator: text(500).nullable(),
    signer: text(500).nullable(),
    validation: z.enum(['trusted', 'untrusted', 'invalid']),
    validationState: text(100).nullable(),
    actions: z
      .array(
        z.strictObject({
          action: text(200),
          digitalSourceType: text(500).nullable(),
          softwareAgent: text(500).nullable().optional(),
          manifest: text(500).nullable().optional(),
        }),
      )
      .max(200),
    ingredients: z
      .array(
        z.strictObject({
          title: text(500).nullable(),
          format: text(200).nullable(),
          relationship: text(100).nullable(),
          manifest: text(500).nullable(),
        }),
      )
      .max(200),
  })
  .openapi('AssetC2pa');

export const RegisterAssetSchema = z.strictObject({
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 as 64 hexadecimal characters')
    .openapi({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }),
  fileName: text(500).min(1),
  mediaType: text(200).nullable().optional(),
  usage: z.enum(['temporary', 'final']),
  disclosureId: text(100).nullable().optional(),
  c2pa: AssetC2paSchema.nullable().optional(),
  digitalSourceTypes: z.array(text(500)).max(50).optional(),
});

export const AssetSchema = z
  .object({
    id: z.string(),
    productionId: z.string(),
    orgId: z.string(),
    disclosureId: z.string().nullable(),
    sha256: z.string(),
    fileName: z.string(),
    mediaType: z.string().nullable(),
    usage: z.enum(['temporary', 'final']),
    c2pa: AssetC2paSchema.nullable(),
    digitalSourceTypes: z.array(z.string()),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Asset');

export const DeliveryRegisterSchema = z
  .object({
    productionId: z.string(),
    productionTitle: z.string(),
    assets: z.array(
      z.object({
        id: z.string(),
        sha256: z.string(),
        fileName: z.string(),
        mediaType: z.string().nullable(),
        usage: z.enum(['temporary', 'final']),
        disclosureId: z.string().nullable(),
      }),
    ),
    disclosures: z.array(
      z.object({
        id: z.string(),
        state: z.string(),
        currentRevision: z.number().int(),
        outcome: z.string().nullable(),
        approval: ApprovalSchema.omit({ conditions: true }).nullable(),
      }),
    ),
  })
  .openapi('DeliveryRegister');

const FindingSchema = z.object({
  severity: z.enum(['blocker', 'warning', 'info']),
  code: text(200),
  message: text(4000),
});

const ScanItemSchema = z.looseObject({
  path: text(4096),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  mediaType: text(200).nullable(),
  class: z.enum(['ai-generated', 'ai-composite', 'no-ai-signal', 'unknown']),
  manifest: z.looseObject({
    present: z.boolean(),
    validation: z.enum(['trusted', 'untrusted', 'invalid', 'none']),
    signer: text(500).nullable().default(null),
  }),
  digitalSourceTypes: z.array(text(500)).max(100),
  findings: z.array(FindingSchema).max(200),
  evidence: z.array(z.looseObject({})).max(200).default([]),
  timelineReferences: z
    .array(z.looseObject({ event: text(200), timeline: text(4096) }))
    .max(10_000)
    .default([]),
});

export const ScanReportSchema = z
  .looseObject({
    items: z.array(ScanItemSchema).max(20_000),
    summary: z.looseObject({
      items: z.number().int().nonnegative(),
      reportFindings: z.array(FindingSchema).max(10_000).default([]),
      timeline: z.looseObject({}).nullable().default(null),
      incomplete: z.boolean().default(false),
    }),
  })
  .openapi('ScanReport', { description: 'The `clearframe scan --json` report' });

export const ScanSchema = z
  .object({
    id: z.string(),
    productionId: z.string(),
    orgId: z.string(),
    createdBy: z.string(),
    status: z.enum(['queued', 'done', 'failed']),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    error: z.string().nullable(),
    summary: z.unknown(),
  })
  .openapi('Scan');

export const ScanDetailSchema = ScanSchema.extend({
  report: z
    .unknown()
    .openapi({ description: 'The reconciled report (ScanReport with gate fields); null while queued' }),
}).openapi('ScanDetail');
