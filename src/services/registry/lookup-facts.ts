import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { type ConsentRecord, type ConsentUse, consentFacts } from '../../domain/consent/consent-facts.js';
import { type ToolEntry, toolFacts, toolKey } from '../../domain/registry/tool-facts.js';
import type { Disclosure } from '../../policy/disclosure.js';
import type { RegistryFacts } from '../../policy/registry-facts.js';
import type { Executor } from '../../store/database.js';
import { consents, performers, productions, registryTools } from '../../store/schema.js';

type PerformerEntry = {
  readonly id: string;
  readonly deceased: boolean;
  readonly authorisingBody: string | null;
  readonly records: ConsentRecord[];
};

/**
 * What one studio's registries hold for a set of names, read in one go so that a cascade
 * over many disclosures costs a few queries, not a few per disclosure. `undefined` for a
 * registry the studio does not keep yet (no entry at all): its facts are then not given,
 * and the verdict rests on the partner's answers as before the registry existed.
 */
export type RegistrySnapshot = {
  readonly tools: ReadonlyMap<string, ToolEntry> | undefined;
  readonly performers: ReadonlyMap<string, PerformerEntry> | undefined;
};

export function toolEntryOf(row: typeof registryTools.$inferSelect): ToolEntry {
  return { ...row, status: row.status as ToolEntry['status'] };
}

export function consentRecordOf(row: typeof consents.$inferSelect, productionTitle: string): ConsentRecord {
  return {
    id: row.id,
    productionId: row.productionId,
    productionTitle,
    use: row.use as ConsentUse,
    description: row.description,
    status: row.status as ConsentRecord['status'],
    validFrom: row.validFrom,
    validTo: row.validTo,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokeReason: row.revokeReason,
    estateAuthorisation: row.estateAuthorisation,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The names a disclosure refers the registries to: its tools and its performers. */
export function registryNames(disclosure: Disclosure): { tools: string[]; performers: string[] } {
  return {
    tools: (disclosure.tools ?? []).map((t) => toolKey(t.name)),
    performers: disclosure.talent.map((t) => toolKey(t.performer)),
  };
}

/** Whether a studio keeps each registry at all; asked of the database when the caller does not know. */
export type RegistryPresence = { readonly tools: boolean; readonly performers: boolean };

export async function loadRegistrySnapshot(
  tx: Executor,
  studioOrgId: string,
  names: { readonly tools: readonly string[]; readonly performers: readonly string[] },
  keeps?: RegistryPresence,
): Promise<RegistrySnapshot> {
  // A registry the studio does not keep gives `undefined` (no facts), an unused one an empty map.
  const tools =
    names.tools.length === 0
      ? new Map()
      : (keeps?.tools ?? (await keepsAny(tx, registryTools, studioOrgId)))
        ? await loadTools(tx, studioOrgId, names.tools)
        : undefined;
  const people =
    names.performers.length === 0
      ? new Map()
      : (keeps?.performers ?? (await keepsAny(tx, performers, studioOrgId)))
        ? await loadPerformers(tx, studioOrgId, names.performers)
        : undefined;
  return { tools, performers: people };
}

async function keepsAny(tx: Executor, table: typeof registryTools | typeof performers, studioOrgId: string) {
  const [row] = await tx.select({ n: count() }).from(table).where(eq(table.studioOrgId, studioOrgId));
  return (row?.n ?? 0) > 0;
}

async function loadTools(tx: Executor, studioOrgId: string, keys: readonly string[]) {
  const rows = await tx
    .select()
    .from(registryTools)
    .where(
      and(
        eq(registryTools.studioOrgId, studioOrgId),
        inArray(sql`lower(trim(${registryTools.name}))`, [...new Set(keys)]),
      ),
    );
  return new Map(rows.map((row) => [toolKey(row.name), toolEntryOf(row)]));
}

async function loadPerformers(tx: Executor, studioOrgId: string, keys: readonly string[]) {
  const people = await tx
    .select()
    .from(performers)
    .where(
      and(
        eq(performers.studioOrgId, studioOrgId),
        inArray(sql`lower(trim(${performers.displayName}))`, [...new Set(keys)]),
      ),
    );
  const byId = new Map<string, PerformerEntry>(
    people.map((p) => [
      p.id,
      { id: p.id, deceased: p.deceased, authorisingBody: p.authorisingBody, records: [] },
    ]),
  );
  if (byId.size > 0) {
    const rows = await tx
      .select({ consent: consents, title: productions.title })
      .from(consents)
      .innerJoin(productions, eq(productions.id, consents.productionId))
      .where(and(eq(consents.studioOrgId, studioOrgId), inArray(consents.performerId, [...byId.keys()])));
    for (const { consent, title } of rows)
      byId.get(consent.performerId)?.records.push(consentRecordOf(consent, title));
  }
  return new Map(people.map((p) => [toolKey(p.displayName), byId.get(p.id) as PerformerEntry]));
}

/**
 * The registry facts for one disclosure on one production, by list index, at `at`.
 * A registry the studio does not keep gives no facts (see RegistrySnapshot).
 */
export function factsFor(
  snapshot: RegistrySnapshot,
  disclosure: Disclosure,
  productionId: string,
  at: Date,
): RegistryFacts | undefined {
  const { tools: toolRegistry, performers: people } = snapshot;
  const listed = disclosure.tools ?? [];
  const tools =
    toolRegistry && listed.length > 0
      ? listed.map((t) => toolFacts(toolRegistry.get(toolKey(t.name))))
      : undefined;
  const talent =
    people && disclosure.talent.length > 0
      ? disclosure.talent.map((t) => {
          const performer = people.get(toolKey(t.performer));
          return consentFacts({
            performer,
            records: performer?.records ?? [],
            productionId,
            use: t.use,
            at,
          });
        })
      : undefined;
  if (tools === undefined && talent === undefined) return undefined;
  return { ...(tools ? { tools } : {}), ...(talent ? { talent } : {}) };
}

/**
 * Whether `lookupRegistryFacts` reads anything for this disclosure: only a registry the studio
 * keeps, and only for entries the disclosure names. When not, its facts are `undefined`.
 */
export function registryLookupNeeded(disclosure: Disclosure, keeps: RegistryPresence): boolean {
  // The same test loadRegistrySnapshot makes before each registry's query.
  const names = registryNames(disclosure);
  return (keeps.tools && names.tools.length > 0) || (keeps.performers && names.performers.length > 0);
}

/** Reads the registries and gives the facts for one disclosure: the lookup submit and revise use. */
export async function lookupRegistryFacts(
  tx: Executor,
  production: { readonly id: string; readonly studioOrgId: string },
  disclosure: Disclosure,
  at: Date,
  keeps?: RegistryPresence,
): Promise<RegistryFacts | undefined> {
  const snapshot = await loadRegistrySnapshot(tx, production.studioOrgId, registryNames(disclosure), keeps);
  return factsFor(snapshot, disclosure, production.id, at);
}
