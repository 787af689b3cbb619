import { sql } from 'drizzle-orm';
import type { Role } from '../../domain/roles.js';
import type { Store } from '../../store/database.js';
import { users } from '../../store/schema.js';
import { provisionOrganisation, provisionProduction, provisionUser } from '../admin/provision.js';
import type { Principal, ServiceCtx } from '../context.js';
import { completeCondition } from '../disclosures/complete-condition.js';
import { decideDisclosure } from '../disclosures/decide-disclosure.js';
import { submitDisclosure } from '../disclosures/submit-disclosure.js';
import { withdrawDisclosure } from '../disclosures/withdraw-disclosure.js';
import { DEMO_DISCLOSURES } from './demo-disclosures.js';

export const DEMO_PASSWORD = 'demo-password';

/** The demo logins printed by `clearframe serve` and listed in the README. */
export const DEMO_USERS: readonly {
  email: string;
  name: string;
  role: Role;
  org: 'studio' | 'partner' | 'vendor';
}[] = [
  { email: 'partner@demo.test', name: 'Pat Partner', role: 'partner_member', org: 'partner' },
  { email: 'partner-admin@demo.test', name: 'Ada Partner-Admin', role: 'partner_admin', org: 'partner' },
  { email: 'vendor@demo.test', name: 'Vic Vendor', role: 'partner_member', org: 'vendor' },
  { email: 'contact@demo.test', name: 'Cam Contact', role: 'studio_contact', org: 'studio' },
  { email: 'legal@demo.test', name: 'Lee Legal', role: 'studio_legal', org: 'studio' },
  { email: 'admin@demo.test', name: 'Sam Admin', role: 'studio_admin', org: 'studio' },
  { email: 'qc@demo.test', name: 'Quinn QC', role: 'delivery_qc', org: 'studio' },
  { email: 'auditor@demo.test', name: 'Aud Auditor', role: 'auditor', org: 'studio' },
];

export async function isDatabaseEmpty(store: Store): Promise<boolean> {
  const [row] = await store.transaction((tx) => tx.select({ n: sql<number>`count(*)::int` }).from(users));
  return (row?.n ?? 0) === 0;
}

/**
 * A demo studio, partner and vendor, one production, one user per role, and disclosures in
 * different states, all made through the real services so the ledger tells their story.
 */
export async function seedDemo(store: Store): Promise<{ productionId: string }> {
  const orgs = {
    studio: await provisionOrganisation(store, { kind: 'studio', name: 'Northlight Studios (demo)' }),
    partner: await provisionOrganisation(store, { kind: 'partner', name: 'Harbour Pictures (demo)' }),
    vendor: await provisionOrganisation(store, { kind: 'vendor', name: 'Pixelforge VFX (demo)' }),
  };
  const principals: Record<string, Principal> = {};
  for (const user of DEMO_USERS) {
    const org = orgs[user.org];
    const { id } = await provisionUser(store, {
      orgId: org.id,
      email: user.email,
      name: user.name,
      role: user.role,
      password: DEMO_PASSWORD,
    });
    principals[user.email] = {
      userId: id,
      email: user.email,
      name: user.name,
      role: user.role,
      orgId: org.id,
      orgKind: user.org,
      via: 'session',
    };
  }
  const as = (email: string): ServiceCtx => {
    const principal = principals[email];
    if (principal === undefined) throw new Error(`no demo user ${email}`);
    return { store, principal, requestId: 'seed' };
  };
  const production = await provisionProduction(store, {
    studioOrgId: orgs.studio.id,
    partnerOrgId: orgs.partner.id,
    title: 'Harbour Lights',
    format: 'scripted',
    vendorOrgIds: [orgs.vendor.id],
    contactIds: [as('contact@demo.test').principal.userId],
  });
  const submit = async (disclosure: unknown, email = 'partner@demo.test') =>
    (await submitDisclosure({ ctx: as(email), input: { productionId: production.id, disclosure } })).result;

  await submit(DEMO_DISCLOSURES.moodboard); // notify -> acknowledged
  await submit(DEMO_DISCLOSURES.chatbot); // escalate -> in_review
  await submit(DEMO_DISCLOSURES.deAgeing); // prohibited -> blocked
  await submit(DEMO_DISCLOSURES.vendorComp, 'vendor@demo.test'); // approval -> in_review
  const approved = await submit(DEMO_DISCLOSURES.finalShot);
  const decided = await decideDisclosure({
    ctx: as('legal@demo.test'),
    input: {
      disclosureId: approved.id,
      decision: 'approve',
      note: 'Approved for episode 6, background only.',
      expiresAt: new Date(Date.now() + 180 * 86_400_000).toISOString(),
      conditions: [
        {
          text: 'Keep the generated plates out of marketing material',
          ownerId: as('partner@demo.test').principal.userId,
        },
        {
          text: 'Send the final composite to legal before lock',
          ownerId: as('partner@demo.test').principal.userId,
          dueDate: '2030-06-30',
        },
      ],
    },
  });
  const first = decided.approval?.conditions[0];
  if (first) await completeCondition({ ctx: as('partner@demo.test'), input: { conditionId: first.id } });
  const withdrawn = await submit(DEMO_DISCLOSURES.titles);
  await withdrawDisclosure({ ctx: as('partner@demo.test'), input: { disclosureId: withdrawn.id } });
  return { productionId: production.id };
}

/** True when the demo logins exist (seeded on this or an earlier start). */
export async function isDemoSeeded(store: Store): Promise<boolean> {
  const [row] = await store.transaction((tx) =>
    tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = 'partner@demo.test'`),
  );
  return row !== undefined;
}
