import { z } from 'zod';
import type { registryTools } from '../../store/schema.js';
import { DAY, nameText } from '../registry/input.js';

export const TOOL_DEPLOYMENTS = ['saas', 'private_cloud', 'on_premises', 'local'] as const;
export const TOOL_STATUSES = ['approved', 'approved_with_conditions', 'blocked'] as const;
export const TOOL_MODALITIES = ['image', 'video', 'audio', 'text', '3d'] as const;

/**
 * One tool as the studio admin records it. A block needs its reason and a conditional
 * approval its conditions: the partner reads them in the verdict.
 */
export const ToolInput = z
  .strictObject({
    name: nameText(200),
    vendor: nameText(200),
    storesInputs: z.boolean(),
    retentionDays: z.number().int().min(0).max(36_500).nullable().default(null),
    trainsOnInputs: z.boolean(),
    enterpriseAgreement: z.boolean(),
    sso: z.boolean(),
    deployment: z.enum(TOOL_DEPLOYMENTS),
    regions: z.array(nameText(50)).max(50).default([]),
    modalities: z.array(z.enum(TOOL_MODALITIES)).max(5).default([]),
    outputsC2pa: z.boolean(),
    status: z.enum(TOOL_STATUSES),
    statusReason: nameText(2000).nullable().default(null),
    conditions: nameText(2000).nullable().default(null),
    lastReviewedOn: DAY,
  })
  .superRefine((tool, ctx) => {
    if (tool.status === 'blocked' && tool.statusReason === null) {
      ctx.addIssue({ code: 'custom', path: ['statusReason'], message: 'a blocked tool needs the reason' });
    }
    if (tool.status === 'approved_with_conditions' && tool.conditions === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: 'a conditional approval needs its conditions',
      });
    }
    if (!tool.storesInputs && tool.retentionDays !== null && tool.retentionDays > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['retentionDays'],
        message: 'a tool that does not store inputs cannot retain them for days',
      });
    }
  });
export type ToolInput = z.output<typeof ToolInput>;

export type ToolView = ToolInput & {
  readonly id: string;
  readonly studioOrgId: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
};

export function toToolView(row: typeof registryTools.$inferSelect): ToolView {
  return {
    id: row.id,
    studioOrgId: row.studioOrgId,
    name: row.name,
    vendor: row.vendor,
    storesInputs: row.storesInputs,
    retentionDays: row.retentionDays,
    trainsOnInputs: row.trainsOnInputs,
    enterpriseAgreement: row.enterpriseAgreement,
    sso: row.sso,
    deployment: row.deployment as ToolView['deployment'],
    regions: row.regions,
    modalities: row.modalities as ToolView['modalities'],
    outputsC2pa: row.outputsC2pa,
    status: row.status as ToolView['status'],
    statusReason: row.statusReason,
    conditions: row.conditions,
    lastReviewedOn: row.lastReviewedOn,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
