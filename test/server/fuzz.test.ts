import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createApiToken } from '../../src/services/auth/create-api-token.js';
import { signIn } from '../../src/services/auth/sign-in.js';
import {
  type HostileRequest,
  hostileRequests,
  type Route,
  type SessionCredential,
} from '../helpers/hostile-requests.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { makeWorld, TEST_PASSWORD, type World, type WorldUser } from '../helpers/world.js';
import {
  crossCheck,
  installWriteTally,
  type Tally,
  tallyChanges,
  type WriteTally,
} from '../helpers/write-tally.js';

/**
 * Hostile and malformed requests against every route of the OpenAPI document, in process
 * (generators in ../helpers/hostile-requests.ts). No answer may be a 5xx, a refused request
 * (any method: a GET may write too) must write nothing, and the server must still answer.
 *
 * How writes are seen: every table carries a trigger that tallies committed inserts, updates
 * and deletes (../helpers/write-tally.ts); the tally is read after each request, one small
 * query. If it moved on a refused request, that is a failure unless the move is bookkeeping
 * the refusal itself requires (allowedOnRefusal). At the end the tally is cross-checked
 * against the row counts of every table.
 *
 * Speed: requests run in FUZZ_LANES lanes at once, each with its own database, world and app,
 * so every write is attributed to exactly one request (one request at a time per database).
 * On PostgreSQL the database works on the other core while Node builds the next request.
 *
 * FUZZ_COUNT sets the number (default 2,000 in `npm test`; .ci/run runs 100,000 on
 * PostgreSQL), FUZZ_LANES the lanes (default 4 on PostgreSQL, 1 on PGlite, whose engine runs
 * on this very thread), FUZZ_SEED replays a run (lane n uses seed + n).
 */
const COUNT = Number(process.env['FUZZ_COUNT'] ?? 2_000);
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
const LANES = Math.max(1, Number(process.env['FUZZ_LANES'] ?? (process.env['DATABASE_URL'] ? 4 : 1)));

const TOKEN_USERS: readonly { who: WorldUser; scope: 'read' | 'read_write' }[] = [
  { who: 'partner', scope: 'read_write' },
  { who: 'legal', scope: 'read_write' },
  { who: 'studioAdmin', scope: 'read_write' },
  { who: 'auditor', scope: 'read_write' },
  { who: 'vendor', scope: 'read_write' },
  { who: 'legal', scope: 'read' },
];
/** Other users than the token holders, so a fuzzed sign-out-everywhere by token spares them. */
const SESSION_USERS: readonly WorldUser[] = ['partnerAdmin', 'contact', 'qc'];

/**
 * Writes a refused request may make by design. A refused sign-in records the failure for
 * throttling; a request on a live session refreshes its last_seen_at (at most once a minute)
 * before the route refuses it.
 */
function allowedOnRefusal(key: string, request: HostileRequest): boolean {
  if (request.method === 'POST' && request.path.startsWith('/api/auth/sign-in'))
    return key === 'sign_in_failures.INSERT' || key === 'sign_in_failures.UPDATE';
  return request.session !== undefined && key === 'sessions.UPDATE';
}

type Lane = {
  readonly index: number;
  readonly db: TestStore;
  readonly world: World;
  readonly app: ReturnType<typeof createApp>;
  readonly tally: WriteTally;
  readonly tokens: string[];
  readonly sessions: SessionCredential[];
  readonly countsBefore: ReadonlyMap<string, number>;
  readonly tallyBefore: Tally;
};

const lanes: Lane[] = [];

async function openLane(index: number): Promise<Lane> {
  const db = await openTestStore();
  const world = await makeWorld(db.store, { passwords: true });
  const app = createApp({ store: db.store, logger: pino({ level: 'silent' }) });
  const tokens: string[] = [];
  for (const { who, scope } of TOKEN_USERS)
    tokens.push((await createApiToken({ ctx: world.ctx(who), input: { name: 'fuzz', scope } })).token);
  const sessions: SessionCredential[] = [];
  for (const who of SESSION_USERS) sessions.push(await newSession(db, world, who));
  await db.store.sealLedger();
  const tally = await installWriteTally(db.store);
  return {
    index,
    db,
    world,
    app,
    tally,
    tokens,
    sessions,
    countsBefore: await tally.rowCounts(),
    tallyBefore: await tally.read(),
  };
}

async function newSession(db: TestStore, world: World, who: WorldUser): Promise<SessionCredential> {
  const { sessionToken, csrfToken } = await signIn({
    store: db.store,
    input: { email: world.users[who].email, password: TEST_PASSWORD },
  });
  return { cookie: sessionToken, csrfToken };
}

beforeAll(async () => {
  lanes.push(...(await Promise.all(Array.from({ length: LANES }, (_, i) => openLane(i)))));
}, 300_000);
afterAll(async () => {
  await Promise.all(lanes.map((lane) => lane.db.dispose()));
});

async function routeCatalogue(app: Lane['app']): Promise<Route[]> {
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })),
  );
}

type Counts = {
  requests: number;
  serverErrors: number;
  refused: number;
  refusedThatWrote: number;
  /** Requests after which the tally moved (accepted writes, allowed bookkeeping, or a failure). */
  wrote: number;
  byStatus: Map<number, number>;
  failures: string[];
};

/** One lane: its requests one after another, the tally read after each. */
async function runLane(lane: Lane, routes: readonly Route[], count: number, counts: Counts): Promise<void> {
  const sessions = lane.sessions;
  const next = hostileRequests(SEED + lane.index, routes, {
    tokens: lane.tokens,
    sessions,
    ids: [lane.world.productionId, lane.world.otherProductionId, crypto.randomUUID()],
  });
  const fail = (text: string) => {
    if (counts.failures.length < 20) counts.failures.push(`lane ${lane.index}: ${text}`);
  };
  let baseline = lane.tallyBefore;
  for (let i = 0; i < count; i++) {
    const request = next();
    const { method, path, headers, body } = request;
    let status: number;
    try {
      const res = await lane.app.request(path, { method, headers, body });
      await res.arrayBuffer();
      status = res.status;
    } catch (error) {
      // app.request never throws for a request the app handled; count it as a server error.
      status = 599;
      fail(`${method} ${path.slice(0, 120)} threw ${String(error).slice(0, 200)}`);
    }
    counts.requests += 1;
    counts.byStatus.set(status, (counts.byStatus.get(status) ?? 0) + 1);
    if (status >= 500) {
      counts.serverErrors += 1;
      fail(`${method} ${path.slice(0, 120)} -> ${status}`);
    }
    if (status >= 400) counts.refused += 1;

    const after = await lane.tally.read();
    const changes = tallyChanges(baseline, after);
    if (changes.size > 0) {
      counts.wrote += 1;
      const unexplained = [...changes].filter(([key]) => !allowedOnRefusal(key, request));
      if (status >= 400 && unexplained.length > 0) {
        counts.refusedThatWrote += 1;
        fail(`${method} ${path.slice(0, 120)} -> ${status} wrote ${JSON.stringify(unexplained)}`);
      }
    }
    // A session that a fuzzed sign-out ended is replaced, so cookies keep reaching the routes.
    const ended = request.session !== undefined && status === 401;
    if (ended) {
      const at = request.session as number;
      sessions[at] = await newSession(lane.db, lane.world, SESSION_USERS[at] as WorldUser);
    }
    if (changes.size > 0 || ended) {
      // Accepted writes are sealed into the ledger after commit; let that finish before the
      // next request so that its writes are not taken for the next request's.
      await lane.db.store.sealLedger();
      baseline = await lane.tally.read();
    }
    if (count >= 20_000 && (i + 1) % Math.floor(count / 5) === 0)
      console.log(`fuzz lane ${lane.index}: ${i + 1} of ${count}`);
  }
}

describe('fuzzing every route', () => {
  it(
    `answers ${COUNT} hostile requests with no 5xx, writes nothing when refusing, and keeps answering`,
    async () => {
      const routes = await routeCatalogue((lanes[0] as Lane).app);
      const counts: Counts = {
        requests: 0,
        serverErrors: 0,
        refused: 0,
        refusedThatWrote: 0,
        wrote: 0,
        byStatus: new Map(),
        failures: [],
      };
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      await Promise.all(
        lanes.map((lane) =>
          runLane(lane, routes, Math.floor(COUNT / LANES) + (lane.index < COUNT % LANES ? 1 : 0), counts),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);

      // Every lane's server still answers, anonymous and authenticated, and every table moved
      // exactly as the tally says.
      const afterwards: string[] = [];
      for (const lane of lanes) {
        await lane.db.store.sealLedger();
        const health = await lane.app.request('/api/health');
        const me = await lane.app.request('/api/auth/me', {
          headers: { authorization: `Bearer ${lane.tokens[0]}` },
        });
        if (health.status !== 200 || me.status !== 200)
          afterwards.push(`lane ${lane.index}: health ${health.status}, me ${me.status}`);
        const changes = tallyChanges(lane.tallyBefore, await lane.tally.read());
        afterwards.push(...crossCheck(lane.countsBefore, await lane.tally.rowCounts(), changes));
      }

      console.log(
        `fuzz: ${counts.requests} requests (seed ${SEED}, ${LANES} lane(s), ${lanes[0]?.db.databaseUrl ? 'PostgreSQL' : 'PGlite'}) ` +
          `in ${seconds.toFixed(1)} s (${Math.round(counts.requests / seconds)}/s, ` +
          `${((cpu.user + cpu.system) / 1000 / counts.requests).toFixed(2)} ms of this process's CPU each), 5xx ${counts.serverErrors}, ` +
          `refused ${counts.refused} of which wrote ${counts.refusedThatWrote}, requests that wrote ${counts.wrote}, ` +
          `statuses ${JSON.stringify(Object.fromEntries([...counts.byStatus].sort((x, y) => x[0] - y[0])))}`,
      );
      expect(counts.failures).toEqual([]);
      expect(afterwards).toEqual([]);
      expect(counts.serverErrors).toBe(0);
      expect(counts.refusedThatWrote).toBe(0);
      expect(counts.requests).toBe(COUNT);
    },
    120_000 + COUNT * 40,
  );
});
