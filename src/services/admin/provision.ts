import { randomUUID } from 'node:crypto';
import { eq as eqId } from 'drizzle-orm';
import type { AuditActor } from '../../domain/audit/events.js';
import { AppError } from '../../domain/errors.js';
import { isRole, type OrganisationKind, ROLE_ORGANISATION_KINDS, type Role } from '../../domain/roles.js';
import type { Store } from '../../store/database.js';
import { appendAudit } from '../../store/ledger.js';
import { organisations, users } from '../../store/schema.js';
import { hashPassword } from '../auth/secrets.js';
import { insertProductionRecord, type NewProduction } from '../productions/create-production.js';

/**
 * System-level provisioning: the first run, the demo seed and test builders create
 * organisations, users and productions here, before any person can sign in to do it.
 * Each act is in the ledger under the `system` actor. Issue 4 adds the permissioned admin
 * verbs (invites, role changes) on top of these.
 */
const SYSTEM: AuditActor = { kind: 'system', id: 'provision' };

export async function provisionOrganisation(
  store: Store,
  input: { kind: OrganisationKind; name: string },
): Promise<{ id: string }> {
  const id = randomUUID();
  const at = new Date();
  await store.transaction(async (tx) => {
    await tx.insert(organisations).values({ id, kind: input.kind, name: input.name, createdAt: at });
    await appendAudit(tx, { orgId: id, actor: SYSTEM, at }, [
      { type: 'organisation.created', organisationId: id, kind: input.kind, name: input.name },
    ]);
  });
  return { id };
}

export async function provisionUser(
  store: Store,
  input: { orgId: string; email: string; name: string; role: Role; password?: string | undefined },
): Promise<{ id: string }> {
  if (!isRole(input.role)) throw new AppError('INVALID_INPUT', `Unknown role ${String(input.role)}.`);
  const id = randomUUID();
  const at = new Date();
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  await store.transaction(async (tx) => {
    const [org] = await tx.select().from(organisations).where(eqId(organisations.id, input.orgId));
    if (org === undefined) throw new AppError('NOT_FOUND', `No organisation ${input.orgId}.`);
    if (!(ROLE_ORGANISATION_KINDS[input.role] as readonly string[]).includes(org.kind)) {
      throw new AppError('INVALID_INPUT', `Role ${input.role} does not fit a ${org.kind} organisation.`);
    }
    await tx.insert(users).values({
      id,
      orgId: input.orgId,
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash,
      createdAt: at,
    });
    await appendAudit(tx, { orgId: input.orgId, actor: SYSTEM, at }, [
      { type: 'user.created', userId: id, email: input.email, role: input.role },
    ]);
  });
  return { id };
}

export type ProvisionProductionInput = NewProduction;

/** A production created by the system (seed, tests), through the same checks and insert as an admin's. */
export async function provisionProduction(
  store: Store,
  input: ProvisionProductionInput,
): Promise<{ id: string }> {
  const at = new Date();
  const view = await store.transaction((tx) =>
    insertProductionRecord(tx, { orgId: input.studioOrgId, actor: SYSTEM, at }, input),
  );
  return { id: view.id };
}
