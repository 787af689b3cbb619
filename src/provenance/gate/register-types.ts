/**
 * What the delivery gate needs from the server, as plain data: a production's registered AI
 * assets and its disclosures with their latest written approval. The server builds it
 * (`GET /api/productions/:id/delivery-register`) with tenancy applied; the gate is pure over it.
 */
export type RegisterAsset = {
  readonly id: string;
  readonly sha256: string;
  readonly fileName: string;
  readonly mediaType: string | null;
  readonly usage: 'temporary' | 'final';
  readonly disclosureId: string | null;
};

export type RegisterApproval = {
  readonly id: string;
  /** The revision it approves (its scope). */
  readonly revision: number;
  readonly approverId: string;
  readonly issuedAt: string;
  readonly expiresAt: string | null;
  readonly status: 'active' | 'voided';
  readonly voidReason: string | null;
};

export type RegisterDisclosure = {
  readonly id: string;
  readonly state: string;
  readonly currentRevision: number;
  /** The verdict outcome of the current revision. */
  readonly outcome: string | null;
  /** The latest written approval issued on it, active or voided; null when none was ever issued. */
  readonly approval: RegisterApproval | null;
};

export type DeliveryRegister = {
  readonly productionId: string;
  readonly productionTitle: string;
  readonly assets: readonly RegisterAsset[];
  readonly disclosures: readonly RegisterDisclosure[];
};

/** The gate's verdict on one item, kept on the item (`item.gate`) beside its evidence. */
export type ItemGate = {
  /** Part of the final deliverable: on the timeline, or every scanned item when no timeline was given. */
  readonly final: boolean;
  readonly ai: boolean;
  /** Why it counts as AI material: its own provenance, the register, or both. */
  readonly aiBecause: 'provenance' | 'register' | 'provenance-and-register' | null;
  readonly status: 'cleared' | 'not-cleared' | 'not-ai' | 'not-final';
  readonly asset: Pick<RegisterAsset, 'id' | 'fileName' | 'usage' | 'disclosureId'> | null;
  readonly disclosure: { readonly id: string; readonly state: string; readonly revision: number } | null;
  readonly approval: Pick<
    RegisterApproval,
    'id' | 'revision' | 'issuedAt' | 'expiresAt' | 'approverId'
  > | null;
  /** The match in words, or why nothing matched. */
  readonly reason: string;
};

export type GateSummary = {
  readonly productionId: string;
  readonly productionTitle: string;
  readonly checkedAt: string;
  /** Which items were treated as the final deliverable. */
  readonly finalRule: 'timeline' | 'every-item';
  readonly finalItems: number;
  readonly aiInFinal: number;
  readonly cleared: number;
  readonly notCleared: number;
  readonly registeredAssets: number;
  /** Registered assets marked final that no scanned file matched (by hash). */
  readonly registeredFinalNotFound: readonly { readonly id: string; readonly fileName: string }[];
  /** Set by the CLI once the server stored the scan; null when it was not stored. */
  readonly scanId?: string | null;
};
