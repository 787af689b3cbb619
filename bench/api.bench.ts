/**
 * `npm run bench:api`: disclosure submissions per second and p50/p99 latency over real HTTP
 * at 1, 16 and 64 concurrent clients, on the embedded PGlite and on PostgreSQL, and, in the
 * same run, the raw single-row INSERT rate of that PostgreSQL at the same concurrency as the
 * reference. Prints the ratio (target: >= 40% of the raw rate, p99 < 50 ms at 64 clients).
 *
 * PostgreSQL comes from DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
 * a fresh database is created for the run and dropped after. On PostgreSQL the API runs as
 * BENCH_SERVERS stateless `clearframe serve` processes (default 1; production runs several
 * behind a balancer) and the clients take them in turn; PGlite is embedded, so one process.
 * One is the default because here the load generator and PostgreSQL share the same few CPUs:
 * a second server only splits the concurrent submissions, and with them the batches that
 * share round trips (batch-while-busy.ts), for no CPU of its own.
 *
 * BENCH_SECONDS sets the length of each measured phase (default 5), each after a one-second
 * warm-up at its own concurrency. The load generator uses keep-alive `node:http` (fetch
 * costs several times more CPU per request, which on a small machine is taken from the
 * server being measured).
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/services/seed/seed-demo.js';
import { spawnServer, waitForExit } from '../test/helpers/spawn-server.js';
import { type CpuReading, cpuPer, readCpu } from './cpu-time.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const WARM_UP_SECONDS = 1;
const LEVELS = [1, 16, 64] as const;
const SERVERS = Number(process.env['BENCH_SERVERS'] ?? 1);
const BASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Phase = {
  clients: number;
  count: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU ms per operation (server processes, PostgreSQL, this load generator), where /proc tells. */
  cpu?: CpuReading | undefined;
};

function disclosure(n: number): unknown {
  return {
    schema: 'clearframe/disclosure@1',
    production: { title: 'Bench', format: 'scripted' },
    description: `Bench moodboard ${n}`,
    media: ['image'],
    tools: [{ name: 'Studio Image Enterprise', enterprise: 'yes', retainsData: 'no' }],
    principles: {
      noInfringement: 'yes',
      noDataRetention: 'yes',
      enterpriseSecured: 'yes',
      temporaryOnly: 'yes',
      noTalentReplacement: 'yes',
    },
    output: { final: 'no' },
    realism: { couldMislead: 'no', asEvidence: 'no', fabricatedStatement: 'no' },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `clients` loops of `op` for `seconds` and summarises throughput, latency and CPU per operation. */
async function measure(
  clients: number,
  op: (n: number) => Promise<boolean>,
  serverPids: readonly number[] = [],
  seconds = SECONDS,
): Promise<Phase> {
  const cpuBefore = readCpu(serverPids);
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const ok = await op(n++).catch(() => false);
        if (ok) latencies.push(performance.now() - t);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = readCpu(serverPids);
  latencies.sort((a, b) => a - b);
  return {
    cpu:
      cpuBefore && cpuAfter && latencies.length > 0
        ? cpuPer(cpuBefore, cpuAfter, latencies.length)
        : undefined,
    clients,
    count: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

type Reply = { status: number; body: string };

/** Every accepted submission of the run (warm-up included), to put the database's row writes per submission beside the rates. */
let submitted = 0;

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP request over the shared keep-alive agent. */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function benchServers(urls: readonly string[], serverPids: readonly number[]): Promise<Phase[]> {
  const [first] = urls;
  if (first === undefined) throw new Error('no server to measure');
  const json = { 'content-type': 'application/json' };
  const signIn = await fetch(`${first}/api/auth/sign-in`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'partner@demo.test', password: DEMO_PASSWORD }),
  });
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${first}/api/auth/tokens`, {
    method: 'POST',
    headers: { ...json, cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench' }),
  });
  const { token } = (await created.json()) as { token: string };
  const headers = { ...json, authorization: `Bearer ${token}` };
  const productions = (await (await fetch(`${first}/api/productions`, { headers })).json()) as {
    items: { id: string }[];
  };
  const path = `/api/productions/${productions.items[0]!.id}/disclosures`;
  const submit = async (n: number) => {
    const reply = await send(
      `${urls[n % urls.length]}${path}`,
      'POST',
      headers,
      JSON.stringify({ disclosure: disclosure(n) }),
    );
    if (reply.status === 201) submitted++;
    return reply.status === 201;
  };
  await measure(4, submit); // warm-up: JIT, pools, caches
  const phases: Phase[] = [];
  for (const clients of LEVELS) {
    // Each level's connections are opened, and its batches settle, before its clock starts:
    // the level is measured, not the burst of connecting to it.
    await measure(clients, submit, [], WARM_UP_SECONDS);
    phases.push(await measure(clients, submit, serverPids));
  }
  return phases;
}

async function rawInsertRate(databaseUrl: string, clients: number, table = 'bench_raw'): Promise<Phase> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  await pool.query(
    `CREATE TABLE ${table} (id bigserial PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
  );
  const insert = async (n: number) => {
    await pool.query(`INSERT INTO ${table} (payload) VALUES ($1)`, [JSON.stringify({ n })]);
    return true;
  };
  await measure(4, insert);
  const phase = await measure(clients, insert);
  await pool.end();
  return phase;
}

/** Rows inserted and updated in the database so far (the statistics lag by up to a second). */
async function rowWrites(databaseUrl: string): Promise<number> {
  await new Promise((done) => setTimeout(done, 1500));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT (tup_inserted + tup_updated)::bigint AS n FROM pg_stat_database WHERE datname = current_database()',
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

async function admin(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

function row(engine: string, p: Phase): string {
  return `${engine.padEnd(22)} ${String(p.clients).padStart(7)} ${p.perSecond.toFixed(0).padStart(10)} ${p.p50.toFixed(1).padStart(8)} ${p.p99.toFixed(1).padStart(8)} ${String(p.errors).padStart(7)}`;
}

console.log(
  `bench:api: ${SECONDS}s per phase; submissions are POST /api/productions/:id/disclosures over HTTP (Bearer token),\n` +
    `served by \`clearframe serve\` in its own process (on PostgreSQL: ${SERVERS} of them, taken in turn);\n` +
    'this process is the load generator.\n',
);
console.log(
  `${'engine'.padEnd(22)} ${'clients'.padStart(7)} ${'per sec'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)}`,
);

/** Runs the phases against `count` freshly spawned servers and stops them gracefully. */
async function benchSpawned(args: readonly string[], count: number): Promise<Phase[]> {
  const servers = [];
  try {
    // One after the other: the first migrates and seeds, the others find it done.
    for (let i = 0; i < count; i++) servers.push(await spawnServer(args));
    return await benchServers(
      servers.map((s) => s.url),
      servers.map((s) => s.child.pid ?? 0),
    );
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => waitForExit(server.child)));
  }
}

for (const phase of await benchSpawned(['--data', 'memory://'], 1)) console.log(row('api on PGlite', phase));

const name = `clearframe_bench_${randomBytes(4).toString('hex')}`;
await admin(`CREATE DATABASE ${name}`);
const url = new URL(BASE_URL);
url.pathname = `/${name}`;
try {
  const apiPhases = await benchSpawned(['--database-url', url.toString()], SERVERS);
  for (const phase of apiPhases) console.log(row(`api on PostgreSQL x${SERVERS}`, phase));
  const written = await rowWrites(url.toString());
  const raw = await rawInsertRate(url.toString(), 64);
  console.log(row('raw INSERT (pg, ref.)', raw));
  const serialRaw = await rawInsertRate(url.toString(), 1, 'bench_raw_serial');
  console.log(row('raw INSERT loop (ref.)', serialRaw));
  const at64 = apiPhases.find((p) => p.clients === 64)!;
  const ratio = at64.perSecond / raw.perSecond;
  console.log(
    `\nPostgreSQL at 64 clients: ${at64.perSecond.toFixed(0)} submissions/s = ${(ratio * 100).toFixed(1)}% of ${raw.perSecond.toFixed(0)} raw single-row INSERTs/s at the same concurrency (target >= 40%); p99 ${at64.p99.toFixed(1)} ms (target < 50 ms)`,
  );
  console.log(
    `Against a plain one-client INSERT loop (${serialRaw.perSecond.toFixed(0)}/s, one commit each): ${((at64.perSecond / serialRaw.perSecond) * 100).toFixed(0)}%.\n` +
      `Rows PostgreSQL wrote per accepted submission (inserts + updates, background jobs included): ${(written / submitted).toFixed(1)}; the raw reference writes 1.`,
  );
  if (at64.cpu && raw.cpu) {
    // What 40% would allow: the machine's CPUs shared by everything that serves a submission.
    const cpus = availableParallelism();
    const budget = (cpus * 1000) / (0.4 * raw.perSecond);
    const ms = (n: number) => n.toFixed(3);
    console.log(
      `CPU per submission at 64 clients: servers ${ms(at64.cpu.servers)} ms, PostgreSQL ${ms(at64.cpu.postgres)} ms, load generator ${ms(at64.cpu.self)} ms ` +
        `(total ${ms(at64.cpu.servers + at64.cpu.postgres + at64.cpu.self)}).\n` +
        `CPU per raw INSERT: PostgreSQL ${ms(raw.cpu.postgres)} ms, client ${ms(raw.cpu.self)} ms. ` +
        `40% of the raw rate on ${cpus} CPUs leaves ${ms(budget)} ms of CPU per submission for all three.`,
    );
  }
} finally {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
