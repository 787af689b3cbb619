import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Action, isAllowed } from '../../src/domain/permissions.js';
import { createApp } from '../../src/server/app.js';
import { renderPermissionsDoc } from '../../src/server/http/permissions-doc.js';
import { ROUTE_PERMISSIONS } from '../../src/server/http/route-permissions.js';
import { provisionUser } from '../../src/services/admin/provision.js';
import { createApiToken } from '../../src/services/auth/create-api-token.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { moodboard } from '../helpers/disclosures.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, type World, type WorldUser } from '../helpers/world.js';

/**
 * Generated from the permission table and the OpenAPI document: every operation x every role
 * x own organisation, another organisation and a missing id. A role the table refuses gets 403;
 * a role it allows is never refused with 401/403 on its own data, and another organisation's id
 * answers exactly like a missing one (same status, same error code) and never with data.
 */
let db: TestStore;
let a: World;
let b: World;
let app: ReturnType<typeof createApp>;
const tokens = new Map<WorldUser, string>();
type Ids = Record<string, string>;
let own: Ids;
let other: Ids;

const ROLE_USERS: readonly WorldUser[] = [
  'partner',
  'partnerAdmin',
  'contact',
  'legal',
  'studioAdmin',
  'qc',
  'auditor',
];

beforeAll(async () => {
  db = await openTestStore();
  a = await makeWorld(db.store);
  b = await makeWorld(db.store);
  app = createApp({ store: db.store, logger: pino({ level: 'silent' }) });
  for (const who of ROLE_USERS) {
    tokens.set(who, (await createApiToken({ ctx: a.ctx(who), input: { name: 'matrix' } })).token);
  }
  const idsOf = async (w: World): Promise<Ids> => {
    const d = await submitDisclosure({
      ctx: w.ctx('partner'),
      input: { productionId: w.productionId, disclosure: moodboard() },
    });
    const t = await createApiToken({ ctx: w.ctx('partner'), input: { name: 'someone else' } });
    // A spare user, so that deactivating "own" users does not sign out the roles under test.
    const spare = await provisionUser(db.store, {
      orgId: w.partnerId,
      email: `spare-${randomUUID()}@test.example`,
      name: 'spare',
      role: 'partner_member',
    });
    return {
      productionId: w.productionId,
      disclosureId: d.result.id,
      tokenId: t.id,
      userId: spare.id,
    };
  };
  own = await idsOf(a);
  other = await idsOf(b);
}, 120_000);
afterAll(async () => {
  await db?.dispose();
});

type Operation = { method: string; path: string; hasBody: boolean };

async function operations(): Promise<Operation[]> {
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      hasBody: op.requestBody !== undefined,
    })),
  );
}

function fill(path: string, ids: Ids | 'missing'): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) =>
    ids === 'missing' ? randomUUID() : (ids[name] ?? randomUUID()),
  );
}

async function call(op: Operation, who: WorldUser, ids: Ids | 'missing') {
  const res = await app.request(fill(op.path, ids), {
    method: op.method,
    headers: {
      authorization: `Bearer ${tokens.get(who)}`,
      ...(op.hasBody ? { 'content-type': 'application/json' } : {}),
    },
    body: op.hasBody ? '{}' : null,
  });
  const text = await res.text();
  const code = res.headers.get('content-type')?.includes('json')
    ? (JSON.parse(text).error?.code as string | undefined)
    : undefined;
  return { status: res.status, code };
}

describe('authorization matrix', () => {
  it('covers every OpenAPI operation in the route permission table, and the table lists no route the API lacks', async () => {
    const ops = (await operations()).map((o) => `${o.method} ${o.path}`);
    expect(ops.filter((o) => !(o in ROUTE_PERMISSIONS))).toEqual([]);
    expect(Object.keys(ROUTE_PERMISSIONS).filter((r) => !ops.includes(r))).toEqual([]);
  });

  it('gives every role on every route its expected status for its own organisation, another one and a missing id', async () => {
    const ops = await operations();
    let checked = 0;
    let crossTenant = 0;
    const failures: string[] = [];
    for (const op of ops) {
      const rule = ROUTE_PERMISSIONS[`${op.method} ${op.path}`];
      if (rule === undefined || rule === 'public') continue;
      // Sign-out ends the token's own session state; skip nothing else.
      for (const who of ROLE_USERS) {
        const role = a.users[who].role;
        const allowed =
          rule === 'signed_in' || (rule as readonly Action[]).some((act) => isAllowed(role, act));
        const mine = await call(op, who, own);
        const theirs = await call(op, who, other);
        const missing = await call(op, who, 'missing');
        checked += 3;
        const label = `${op.method} ${op.path} as ${role}`;
        if (!allowed) {
          for (const r of [mine, theirs, missing])
            if (r.status !== 403) failures.push(`${label}: ${r.status} not 403`);
          continue;
        }
        if (mine.status === 401 || (mine.status === 403 && mine.code !== 'FORBIDDEN')) {
          failures.push(`${label}: own data refused ${mine.status}`);
        }
        if (/\{\w+\}/.test(op.path)) {
          crossTenant += 1;
          if (theirs.status !== missing.status || theirs.code !== missing.code) {
            failures.push(
              `${label}: other org ${theirs.status}/${theirs.code} vs missing ${missing.status}/${missing.code}`,
            );
          }
          if (theirs.status < 300)
            failures.push(`${label}: other organisation's data answered ${theirs.status}`);
        }
      }
    }
    console.log(
      `authorization matrix: ${ops.length} operations, ${checked} requests, ${crossTenant} cross-tenant comparisons`,
    );
    expect(failures).toEqual([]);
  }, 300_000);

  it('keeps docs/permissions.md in step with the permission and route tables', () => {
    const written = readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
    expect(written).toBe(renderPermissionsDoc());
  });
});
