import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/domain/errors.js';
import { addComment } from '../../src/services/disclosures/add-comment.js';
import {
  getDisclosure,
  listComments,
  listDisclosures,
} from '../../src/services/disclosures/read-disclosures.js';
import { submitDisclosure } from '../../src/services/disclosures/submit-disclosure.js';
import { getProduction } from '../../src/services/productions/read-productions.js';
import { moodboard } from '../helpers/disclosures.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, type World, type WorldUser } from '../helpers/world.js';

/**
 * Random users against random resources of two unrelated studios: whatever the role, a resource
 * the independent visibility oracle below calls foreign is never read or written. The oracle is
 * written from the design (studio sees its productions, partner its own, vendor the ones it is
 * attached to and only its own disclosures), not from the query code.
 */
const PROBES = Number(process.env['TENANCY_PROBES'] ?? 10_000);
const USERS: readonly WorldUser[] = [
  'partner',
  'partnerAdmin',
  'vendor',
  'contact',
  'legal',
  'studioAdmin',
  'qc',
  'auditor',
  'otherPartner',
];
type Resource =
  | { kind: 'production'; world: number; id: string; visibleTo: readonly WorldUser[] }
  | { kind: 'disclosure'; world: number; id: string; visibleTo: readonly WorldUser[] };

const STUDIO: readonly WorldUser[] = ['contact', 'legal', 'studioAdmin', 'qc', 'auditor'];

let db: TestStore;
const worlds: World[] = [];
const resources: Resource[] = [];

beforeAll(async () => {
  db = await openTestStore();
  for (let w = 0; w < 2; w++) {
    const world = await makeWorld(db.store);
    worlds.push(world);
    const submit = async (who: WorldUser, productionId: string) =>
      (await submitDisclosure({ ctx: world.ctx(who), input: { productionId, disclosure: moodboard() } }))
        .result.id;
    resources.push(
      {
        kind: 'production',
        world: w,
        id: world.productionId,
        visibleTo: [...STUDIO, 'partner', 'partnerAdmin', 'vendor'],
      },
      { kind: 'production', world: w, id: world.otherProductionId, visibleTo: [...STUDIO, 'otherPartner'] },
      {
        kind: 'disclosure',
        world: w,
        id: await submit('partner', world.productionId),
        visibleTo: [...STUDIO, 'partner', 'partnerAdmin'],
      },
      {
        kind: 'disclosure',
        world: w,
        id: await submit('vendor', world.productionId),
        visibleTo: [...STUDIO, 'partner', 'partnerAdmin', 'vendor'],
      },
      {
        kind: 'disclosure',
        world: w,
        id: await submit('otherPartner', world.otherProductionId),
        visibleTo: [...STUDIO, 'otherPartner'],
      },
    );
  }
}, 120_000);
afterAll(async () => {
  await db?.dispose();
});

const OPERATIONS = ['read', 'list', 'comments', 'comment'] as const;

describe('tenancy under random probes', () => {
  it(`never lets a user read or write another organisation's production or disclosure (${PROBES} probes)`, async () => {
    let probes = 0;
    let foreign = 0;
    let leaks = 0;
    let allowedOwn = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1 }),
        fc.constantFrom(...USERS),
        fc.nat(),
        fc.constantFrom(...OPERATIONS),
        async (w, who, pick, operation) => {
          const world = worlds[w] as World;
          const resource = resources[pick % resources.length] as Resource;
          const visible = resource.world === w && resource.visibleTo.includes(who);
          const ctx = world.ctx(who);
          probes += 1;
          if (!visible) foreign += 1;
          let succeeded = false;
          let leaked: string[] = [];
          try {
            if (resource.kind === 'production') {
              if (operation === 'list') {
                const rows = await listDisclosures({ ctx, input: { productionId: resource.id } });
                leaked = rows
                  .map((r) => r.id)
                  .filter(
                    (id) => !resources.some((x) => x.id === id && x.world === w && x.visibleTo.includes(who)),
                  );
                succeeded = rows.length > 0;
              } else {
                await getProduction({ ctx, input: { productionId: resource.id } });
                succeeded = true;
              }
            } else if (operation === 'comment') {
              await addComment({ ctx, input: { disclosureId: resource.id, body: 'probe' } });
              succeeded = true;
            } else if (operation === 'comments') {
              await listComments({ ctx, input: { disclosureId: resource.id } });
              succeeded = true;
            } else {
              await getDisclosure({ ctx, input: { disclosureId: resource.id } });
              succeeded = true;
            }
          } catch (error) {
            if (!isAppError(error) || !['NOT_FOUND', 'FORBIDDEN'].includes(error.code)) throw error;
            // A visible resource may only be refused for the role (403), never hidden from its owner.
            if (visible && error.code === 'NOT_FOUND')
              throw new Error(`${who} could not see its own ${resource.kind}`);
          }
          if (visible && succeeded) allowedOwn += 1;
          if ((!visible && succeeded) || leaked.length > 0) {
            leaks += 1;
            return false;
          }
          return true;
        },
      ),
      { numRuns: PROBES, seed: Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31) },
    );
    console.log(
      `tenancy probes: ${probes}, foreign ${foreign}, own and allowed ${allowedOwn}, cross-tenant reads or writes ${leaks}`,
    );
    expect(probes).toBeGreaterThanOrEqual(PROBES);
    expect(foreign).toBeGreaterThan(PROBES / 3);
    expect(leaks).toBe(0);
  }, 600_000);
});
