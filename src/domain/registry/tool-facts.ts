/**
 * The tool facts the policy engine reads (structurally `ToolFacts` of
 * src/policy/registry-facts.ts; declared here because the domain imports nothing of ours).
 */
export type ToolFacts = {
  readonly registryId?: string;
  readonly registryStatus: 'unregistered' | 'approved' | 'approved_with_conditions' | 'blocked';
  readonly registryRetainsData?: 'yes' | 'no';
  readonly registryEnterprise?: 'yes' | 'no';
  readonly registryNote?: string;
};

/** What the tool registry holds of one tool; the fields the verdict reads. */
export type ToolEntry = {
  readonly id: string;
  readonly name: string;
  readonly storesInputs: boolean;
  readonly trainsOnInputs: boolean;
  readonly enterpriseAgreement: boolean;
  readonly status: 'approved' | 'approved_with_conditions' | 'blocked';
  readonly statusReason: string | null;
  readonly conditions: string | null;
  readonly lastReviewedOn: string;
};

/** Registry names compare without case or surrounding space: "Runway " is "runway". */
export function toolKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The registry's word on one tool, as the engine reads it. A tool that keeps inputs or
 * trains on them "retains data" (either fails principle 2). The note carries the block
 * reason or the conditions of approval, with the date of the last review.
 */
export function toolFacts(entry: ToolEntry | undefined): ToolFacts {
  if (entry === undefined) return { registryStatus: 'unregistered' };
  const note =
    entry.status === 'blocked'
      ? entry.statusReason
      : entry.status === 'approved_with_conditions'
        ? entry.conditions
        : null;
  return {
    registryId: entry.id,
    registryStatus: entry.status,
    registryRetainsData: entry.storesInputs || entry.trainsOnInputs ? 'yes' : 'no',
    registryEnterprise: entry.enterpriseAgreement ? 'yes' : 'no',
    ...(note ? { registryNote: `${note} (reviewed ${entry.lastReviewedOn})` } : {}),
  };
}

/** Facts for each tool a disclosure names, by list index, matched by name within one studio's registry. */
export function toolFactsFor(
  names: readonly string[],
  registry: ReadonlyMap<string, ToolEntry>,
): ToolFacts[] {
  return names.map((name) => toolFacts(registry.get(toolKey(name))));
}
