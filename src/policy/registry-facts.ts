import type { ConsentRecordState, RegistryAnswer, ToolRegistryStatus } from './vocabulary.js';

/** What the tool registry says of one tool named in the disclosure. */
export type ToolFacts = {
  readonly registryId?: string;
  readonly registryStatus: ToolRegistryStatus;
  /** The tool stores, reuses or trains on inputs (either makes P2 fail). */
  readonly registryRetainsData?: RegistryAnswer;
  readonly registryEnterprise?: RegistryAnswer;
  /** Plain words for reasons: why a tool is blocked, the conditions of its approval. */
  readonly registryNote?: string;
};

/** What the consent registry holds for one performer of the disclosure, for this production and use. */
export type ConsentFacts = {
  readonly consentId?: string;
  readonly consentRecord: ConsentRecordState;
  /** The exact gap or cover, e.g. "the consent covers alteration, not a voice replica". */
  readonly consentNote?: string;
};

/**
 * Facts the studio's registries hold about the entries a disclosure names, by list index.
 * The server looks them up (I/O) and hands them to the pure engine, which reads them beside
 * the item at the same place (`from: 'registry'` in facts.ts); they are stored with the
 * verdict so the verdict can be reproduced.
 */
export type RegistryFacts = {
  readonly tools?: readonly (ToolFacts | null)[];
  readonly talent?: readonly (ConsentFacts | null)[];
};
