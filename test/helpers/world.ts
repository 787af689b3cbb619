import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/domain/roles.js';
import {
  provisionOrganisation,
  provisionProduction,
  provisionUser,
} from '../../src/services/admin/provision.js';
import type { Principal, ServiceCtx } from '../../src/services/context.js';
import type { Store } from '../../src/store/database.js';

/**
 * Builders for a fresh, isolated world inside a shared test database: a studio, its partner,
 * a vendor attached to the production, an unrelated partner, one user per role, and one
 * production. Tests isolate by building their own world instead of resetting the database.
 */
export const TEST_PASSWORD = 'correct horse battery staple';

export type World = {
  studioId: string;
  partnerId: string;
  vendorId: string;
  otherPartnerId: string;
  productionId: string;
  otherProductionId: string;
  users: Record<WorldUser, Principal>;
  ctx: (who: WorldUser) => ServiceCtx;
};

export type WorldUser =
  | 'partner'
  | 'partnerAdmin'
  | 'vendor'
  | 'contact'
  | 'legal'
  | 'studioAdmin'
  | 'qc'
  | 'auditor'
  | 'otherPartner';

export async function makeWorld(store: Store, options: { passwords?: boolean } = {}): Promise<World> {
  const tag = randomBytes(4).toString('hex');
  const studio = await provisionOrganisation(store, { kind: 'studio', name: `Studio ${tag}` });
  const partner = await provisionOrganisation(store, { kind: 'partner', name: `Partner ${tag}` });
  const vendor = await provisionOrganisation(store, { kind: 'vendor', name: `Vendor ${tag}` });
  const other = await provisionOrganisation(store, { kind: 'partner', name: `Other ${tag}` });
  const kinds = {
    [studio.id]: 'studio',
    [partner.id]: 'partner',
    [vendor.id]: 'vendor',
    [other.id]: 'partner',
  } as const;
  const specs: Record<WorldUser, { orgId: string; role: Role }> = {
    partner: { orgId: partner.id, role: 'partner_member' },
    partnerAdmin: { orgId: partner.id, role: 'partner_admin' },
    vendor: { orgId: vendor.id, role: 'partner_member' },
    contact: { orgId: studio.id, role: 'studio_contact' },
    legal: { orgId: studio.id, role: 'studio_legal' },
    studioAdmin: { orgId: studio.id, role: 'studio_admin' },
    qc: { orgId: studio.id, role: 'delivery_qc' },
    auditor: { orgId: studio.id, role: 'auditor' },
    otherPartner: { orgId: other.id, role: 'partner_member' },
  };
  const users = {} as Record<WorldUser, Principal>;
  for (const [who, spec] of Object.entries(specs) as [WorldUser, { orgId: string; role: Role }][]) {
    const email = `${who.toLowerCase()}-${tag}@test.example`;
    const { id } = await provisionUser(store, {
      ...spec,
      email,
      name: who,
      password: options.passwords ? TEST_PASSWORD : undefined,
    });
    users[who] = {
      userId: id,
      email,
      name: who,
      role: spec.role,
      orgId: spec.orgId,
      orgKind: kinds[spec.orgId] ?? 'partner',
      via: 'session',
    };
  }
  const production = await provisionProduction(store, {
    studioOrgId: studio.id,
    partnerOrgId: partner.id,
    title: `Harbour Lights ${tag}`,
    format: 'scripted',
    vendorOrgIds: [vendor.id],
    contactIds: [users.contact.userId],
  });
  const otherProduction = await provisionProduction(store, {
    studioOrgId: studio.id,
    partnerOrgId: other.id,
    title: `Other Title ${tag}`,
    format: 'documentary',
  });
  return {
    studioId: studio.id,
    partnerId: partner.id,
    vendorId: vendor.id,
    otherPartnerId: other.id,
    productionId: production.id,
    otherProductionId: otherProduction.id,
    users,
    ctx: (who) => ({ store, principal: users[who], requestId: `test-${who}` }),
  };
}
