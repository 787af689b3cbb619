import type { z } from '@hono/zod-openapi';
import type {
  ApprovalSchema,
  ConditionSchema,
  DisclosureSchema,
  ErrorSchema,
  RevisionSchema,
} from '../../../src/server/http/schemas.js';
import type { ScanDetailSchema, ScanSchema } from '../../../src/server/routes/provenance-schemas.js';
import type { OrganisationSummary, UserSummary } from '../../../src/services/admin/manage-users.js';
import type { UserDto as ServerUserDto } from '../../../src/services/auth/principal.js';
import type { ConsentView, PerformerView } from '../../../src/services/consents/consent-schemas.js';
import type { ProductionView } from '../../../src/services/productions/production-view.js';
import type { ToolView } from '../../../src/services/tools/tool-schemas.js';

/*
 * What the app reads from the API, taken from the server's own response schemas and view
 * types (type-only imports: nothing of the server reaches the bundle), so a change to the
 * contract fails this app's typecheck instead of a screen at run time. Comments and the
 * ledger check mirror schemas the server keeps private to their routes.
 */
export type DisclosureDto = z.infer<typeof DisclosureSchema>;
export type RevisionDto = z.infer<typeof RevisionSchema>;
export type ApprovalDto = z.infer<typeof ApprovalSchema>;
export type ConditionDto = z.infer<typeof ConditionSchema>;
export type ApiErrorBody = z.infer<typeof ErrorSchema>;
export type DisclosureState = DisclosureDto['state'];
export type WorkflowMove = DisclosureDto['allowedMoves'][number];

/** GET /api/auth/me and POST /api/auth/sign-in. */
export type UserDto = ServerUserDto;

export type SignInResult = { readonly user: UserDto; readonly csrfToken: string };

/** GET /api/productions, and the answer of every production change. */
export type ProductionDto = ProductionView;

/** POST /api/productions. */
export type NewProductionInput = {
  readonly title: string;
  readonly format: string;
  readonly partnerOrgId: string;
  readonly vendorOrgIds: readonly string[];
  readonly contactIds: readonly string[];
};

/** GET /api/admin/organisations and GET /api/admin/users (administrators). */
export type OrganisationDto = OrganisationSummary;
export type UserSummaryDto = UserSummary;

/** GET /api/tools (src/server/routes/registry.ts). */
export type ToolDto = ToolView;

/** GET /api/performers and GET /api/consents (studio staff only). */
export type PerformerDto = PerformerView;
export type ConsentDto = ConsentView;

/** GET /api/productions/{id}/scans and GET /api/scans/{id} (src/server/routes/provenance.ts). */
export type ScanDto = z.infer<typeof ScanSchema>;
export type ScanDetailDto = z.infer<typeof ScanDetailSchema>;

/** GET /api/disclosures/{id}/comments. */
export type CommentDto = {
  readonly id: string;
  readonly authorId: string;
  readonly body: string;
  readonly createdAt: string;
};

/** GET /api/audit/verify (src/server/routes/notices-and-audit.ts). */
export type LedgerVerificationDto = {
  readonly ok: boolean;
  readonly orgId: string;
  readonly events: number;
  readonly head?: string;
  readonly eventId?: string;
  readonly seq?: number;
  readonly reason?: string;
};

export type Decision = 'acknowledge' | 'request_info' | 'approve' | 'reject';

export type DecisionInput = {
  readonly decision: Decision;
  readonly note?: string;
  readonly expiresAt?: string;
  readonly conditions?: readonly { text: string; ownerId?: string; dueDate?: string }[];
};
