import type { DisclosureState, WorkflowEvent } from '../review/transitions.js';

/**
 * Every kind of ledger event, as a discriminated union: `type` is `entity.past_verb`, the
 * rest is the event's data. An event records who (the actor, stored beside it) did what to
 * which record; it never carries secrets (passwords, tokens) or free-text personal data.
 */
export type AuditEvent =
  | { type: 'organisation.created'; organisationId: string; kind: string; name: string }
  | { type: 'user.created'; userId: string; email: string; role: string }
  | { type: 'api_token.created'; tokenId: string; userId: string; name: string; scope?: string }
  | {
      type: 'production.created';
      productionId: string;
      title: string;
      partnerOrgId: string;
      // Since production administration: older events carry the first three fields only.
      format?: string;
      vendorOrgIds?: readonly string[];
      contactIds?: readonly string[];
    }
  | {
      type: 'production.updated';
      productionId: string;
      changes: readonly { field: 'title' | 'format'; from: string; to: string }[];
    }
  | {
      type: 'production.vendors_set';
      productionId: string;
      vendorOrgIds: readonly string[];
      added: readonly string[];
      removed: readonly string[];
    }
  | {
      type: 'production.contacts_set';
      productionId: string;
      contactIds: readonly string[];
      added: readonly string[];
      removed: readonly string[];
    }
  | {
      type: 'disclosure.submitted';
      disclosureId: string;
      productionId: string;
      revision: number;
      inputHash: string;
    }
  | {
      type: 'disclosure.evaluated';
      disclosureId: string;
      revision: number;
      outcome: string;
      pack: string;
      inputHash: string;
      rules: readonly string[];
    }
  | {
      type: 'disclosure.revised';
      disclosureId: string;
      revision: number;
      material: boolean;
      reasons: readonly string[];
    }
  | {
      type: 'disclosure.state_changed';
      disclosureId: string;
      from: DisclosureState;
      to: DisclosureState;
      event: WorkflowEvent;
    }
  | { type: 'disclosure.decided'; disclosureId: string; revision: number; decision: string }
  | {
      type: 'approval.issued';
      approvalId: string;
      disclosureId: string;
      revision: number;
      expiresAt: string | null;
      conditions: readonly { id: string; ownerId: string | null; dueDate: string | null }[];
    }
  | { type: 'approval.voided'; approvalId: string; disclosureId: string; reason: string }
  | { type: 'condition.completed'; conditionId: string; approvalId: string }
  | { type: 'comment.added'; commentId: string; disclosureId: string }
  | { type: 'notice.recorded'; noticeId: string; recipientId: string; disclosureId: string; kind: string }
  | {
      type: 'asset.registered';
      assetId: string;
      productionId: string;
      sha256: string;
      usage: string;
      disclosureId: string | null;
    }
  | { type: 'asset.linked'; assetId: string; disclosureId: string; previousDisclosureId: string | null }
  | { type: 'scan.submitted'; scanId: string; productionId: string; items: number }
  | { type: 'scan.reconciled'; scanId: string; productionId: string; blockers: number; warnings: number }
  | { type: 'scan.failed'; scanId: string; productionId: string; reason: string }
  | { type: 'tool.registered'; toolId: string; name: string; status: string }
  | { type: 'tool.updated'; toolId: string; fields: readonly string[]; status: string }
  | { type: 'tool.status_changed'; toolId: string; from: string; to: string }
  | { type: 'performer.registered'; performerId: string }
  | { type: 'consent.recorded'; consentId: string; performerId: string; productionId: string; use: string }
  | { type: 'consent.revoked'; consentId: string; performerId: string; productionId: string }
  | { type: 'consent.expired'; consentId: string; validTo: string }
  | { type: 'consent.document_stored'; consentId: string; sha256: string; size: number; mediaType: string }
  | { type: 'approval.expired'; approvalId: string; disclosureId: string; expiresAt: string }
  | {
      type: 'disclosure.reevaluated';
      disclosureId: string;
      revision: number;
      cause: RegistryCause;
      from: string;
      outcome: string;
    }
  | { type: 'registry.imported'; registry: 'tools' | 'consents'; created: number; updated: number }
  | {
      type: 'notification_preferences.updated';
      userId: string;
      language: string;
      optedOut: readonly string[];
      digest: boolean;
    }
  | { type: 'webhook.created'; webhookId: string; url: string; events: readonly string[] }
  | { type: 'webhook.deleted'; webhookId: string }
  | { type: 'webhook.redelivery_requested'; webhookId: string; deliveryId: string; eventId: string }
  | { type: 'disclosures.imported'; productionId: string; count: number; disclosureIds: readonly string[] }
  // Accounts and administration (issue 4).
  | { type: 'api_token.revoked'; tokenId: string; userId: string }
  | { type: 'session.revoked_all'; userId: string; sessions: number }
  | { type: 'user.invited'; invitationId: string; email: string; role: string }
  | { type: 'user.invitation_accepted'; invitationId: string; userId: string }
  | { type: 'user.deactivated'; userId: string; sessions: number; tokens: number }
  | { type: 'user.role_changed'; userId: string; from: string; to: string };

/** Why a registry change re-opened a disclosure: the record that changed. */
export type RegistryCause =
  | { readonly kind: 'tool.blocked'; readonly toolId: string }
  | { readonly kind: 'tool.changed'; readonly toolId: string }
  | { readonly kind: 'consent.revoked'; readonly consentId: string }
  | { readonly kind: 'consent.expired'; readonly consentId: string };

export type AuditEventType = AuditEvent['type'];

export type AuditActor = { readonly kind: 'user' | 'api_token' | 'system'; readonly id: string };
