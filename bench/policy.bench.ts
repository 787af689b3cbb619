/**
 * `npm run bench:policy`: our policy engine against json-rules-engine, on the default pack and
 * the same 10,000 generated disclosures. First checks that both give the same outcome and the
 * same findings (rule and outcome) on every input; then times both in several rounds, since the
 * machine is shared, and prints the median and best pass. BENCH_ROUNDS overrides the rounds.
 * A fixed loop timed the same way shows the tail the machine itself adds to every p99.
 */
import { availableParallelism, loadavg } from 'node:os';
import fc from 'fast-check';
import { withCanonicalJsonBytes } from '../src/lib/canonical-json.js';
import { sha256Hex } from '../src/lib/sha256.js';
import { loadDefaultPack } from '../src/packs/load-packs.js';
import { nodeSha256Hex } from '../src/platform/node-sha256.js';
import type { Disclosure } from '../src/policy/disclosure.js';
import { type EvaluateOptions, evaluate } from '../src/policy/evaluate.js';
import type { Verdict } from '../src/policy/verdict.js';
import { arbitraryDisclosure } from '../test/support/arbitrary-disclosure.js';
import { type ListSlots, PeerEngine } from './json-rules-engine/pack-rules.js';
import { realisticDisclosure } from './realistic-disclosures.js';
import { arbitraryRegistryFacts } from './registry-facts.js';

const COUNT = 10_000;
const SEED = 42;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
/** Passes of our engine per round (each is cheap next to one json-rules-engine pass). */
const OUR_PASSES = 5;
const TARGET_RATIO = 30;
const TARGET_P99_US = 20;

const pack = loadDefaultPack();
const inputs: readonly Disclosure[] = fc.sample(arbitraryDisclosure, { numRuns: COUNT, seed: SEED });
/** What the studio's registries say of each input's tools and performers (none for some). */
const registries = fc.sample(arbitraryRegistryFacts, { numRuns: COUNT, seed: SEED + 1 });
const longest = (list: keyof ListSlots) => Math.max(1, ...inputs.map((d) => d[list]?.length ?? 0));
const peer = new PeerEngine(pack, {
  tools: longest('tools'),
  inputs: longest('inputs'),
  talent: longest('talent'),
});
const NODE = registries.map((facts): EvaluateOptions => ({ sha256: nodeSha256Hex, ...(facts && { facts }) }));
const BROWSER = registries.map((facts): EvaluateOptions => (facts ? { facts } : {}));
const NO_HASH = registries.map((facts): EvaluateOptions => ({ sha256: () => '', ...(facts && { facts }) }));

/** Keeps results observable so no work is optimised away. */
let sink = 0;
const now = () => process.hrtime.bigint();
const micros = (from: bigint, to: bigint) => Number(to - from) / 1000;
const findingsOf = (v: Verdict) => v.findings.map((f) => `${f.rule}:${f.outcome}`).sort();

// --- 1. Same decisions on every input, before anything is timed (also the warm-up).
const mismatches: string[] = [];
const outcomes = new Map<string, number>();
let findingCount = 0;
for (const [i, disclosure] of inputs.entries()) {
  const ours = evaluate(disclosure, pack, NODE[i] as EvaluateOptions);
  const browser = evaluate(disclosure, pack, BROWSER[i] as EvaluateOptions);
  const theirs = await peer.decide(disclosure, registries[i]);
  outcomes.set(ours.outcome, (outcomes.get(ours.outcome) ?? 0) + 1);
  findingCount += ours.findings.length;
  if (browser.inputHash !== ours.inputHash || browser.outcome !== ours.outcome) {
    mismatches.push(
      `#${i}: pure-JS and node SHA-256 configurations differ: ${browser.inputHash} vs ${ours.inputHash}`,
    );
  }
  const ourFindings = findingsOf(ours).join(' ');
  if (theirs.outcome !== ours.outcome || theirs.findings.join(' ') !== ourFindings) {
    mismatches.push(
      `#${i}: ours ${ours.outcome} [${ourFindings}], json-rules-engine ${theirs.outcome} [${theirs.findings.join(' ')}]\n` +
        `    disclosure: ${JSON.stringify(disclosure)}\n    registry facts: ${JSON.stringify(registries[i])}`,
    );
  }
}
if (mismatches.length > 0) {
  console.error(
    `ABORTED: the engines disagree on ${mismatches.length} of ${COUNT} inputs; nothing was timed.`,
  );
  for (const line of mismatches.slice(0, 20)) console.error(line);
  if (mismatches.length > 20) console.error(`... and ${mismatches.length - 20} more`);
  process.exit(1);
}
const distribution = [...outcomes].map(([o, n]) => `${o} ${n}`).join(', ');
console.log(
  `Pack ${pack.id}@${pack.version}: ${pack.rules.length} rules; json-rules-engine peer: ${peer.ruleCount} rules.`,
);
console.log(
  `${COUNT} disclosures (fast-check seed ${SEED}), registry facts for ${registries.filter(Boolean).length} ` +
    `(seed ${SEED + 1}): outcomes ${distribution}; ${findingCount} findings.`,
);
console.log(`Check passed: identical outcome and findings (rule, outcome) on all ${COUNT} inputs.\n`);

// --- 2. Timing.
type Measure = { readonly perSecond: number; readonly p50: number; readonly p99: number };

function percentiles(latencies: Float64Array): { p50: number; p99: number } {
  latencies.sort();
  return {
    p50: latencies[Math.floor(COUNT * 0.5)] as number,
    p99: latencies[Math.ceil(COUNT * 0.99) - 1] as number,
  };
}

/**
 * One pass over all inputs timing each call with hrtime (its own cost, about 0.1 µs, is
 * included); decisions/s is the inputs over the wall time of the whole pass.
 */
async function timePass(decide: (d: Disclosure, i: number) => number | Promise<number>): Promise<Measure> {
  const latencies = new Float64Array(COUNT);
  const start = now();
  for (let i = 0; i < COUNT; i++) {
    const t0 = now();
    sink += await decide(inputs[i] as Disclosure, i);
    latencies[i] = micros(t0, now());
  }
  const perSecond = COUNT / (micros(start, now()) / 1e6);
  return { perSecond, ...percentiles(latencies) };
}

/**
 * A fixed amount of arithmetic that allocates nothing, timed like a decision: whatever tail it
 * shows (other processes, interrupts, the hypervisor) is in every p99 here and is not the engine's.
 */
const FLOOR_STEPS = 2000;
let floorState = 1;
function fixedWork(): number {
  for (let i = 0; i < FLOOR_STEPS; i++) floorState = (Math.imul(floorState, 1103515245) + 12345) | 0;
  return floorState & 1;
}

/** Mean µs per disclosure of `work` over all inputs. */
function meanMicros(work: (d: Disclosure, i: number) => unknown): number {
  const start = now();
  for (let i = 0; i < COUNT; i++) sink += work(inputs[i] as Disclosure, i) === undefined ? 0 : 1;
  return micros(start, now()) / COUNT;
}

/** The UTF-8 canonical form evaluate hashes, copied out of the writer's buffer. */
const canonical = inputs.map((d) => withCanonicalJsonBytes(d, (bytes) => bytes.slice()));
const parts = {
  'evaluate, node SHA-256': (d: Disclosure, i: number) => evaluate(d, pack, NODE[i] as EvaluateOptions),
  'evaluate, no hash (stub)': (d: Disclosure, i: number) => evaluate(d, pack, NO_HASH[i] as EvaluateOptions),
  'canonical JSON (UTF-8)': (d: Disclosure) => withCanonicalJsonBytes(d, (bytes) => bytes.length),
  'node SHA-256 of it': (_: Disclosure, i: number) => nodeSha256Hex(canonical[i] as Uint8Array),
  'pure-JS SHA-256 of it': (_: Disclosure, i: number) => sha256Hex(canonical[i] as Uint8Array),
};
type Part = keyof typeof parts;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const nodeSamples: Measure[] = [];
const browserSamples: Measure[] = [];
const peerSamples: Measure[] = [];
const floorSamples: Measure[] = [];
const partSamples: Record<Part, number>[] = [];
/** Per round: our median node pass over that round's json-rules-engine pass. */
const ratios: number[] = [];
const browserRatios: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const firstPass = nodeSamples.length;
  for (let p = 0; p < OUR_PASSES; p++) {
    partSamples.push(Object.fromEntries(Object.entries(parts).map(([k, f]) => [k, meanMicros(f)])) as never);
    nodeSamples.push(await timePass((d, i) => evaluate(d, pack, NODE[i] as EvaluateOptions).findings.length));
    browserSamples.push(
      await timePass((d, i) => evaluate(d, pack, BROWSER[i] as EvaluateOptions).findings.length),
    );
    floorSamples.push(await timePass(fixedWork));
  }
  const peerMeasure = await timePass(async (d, i) => (await peer.decide(d, registries[i])).findings.length);
  peerSamples.push(peerMeasure);
  ratios.push(median(nodeSamples.slice(firstPass).map((m) => m.perSecond)) / peerMeasure.perSecond);
  browserRatios.push(median(browserSamples.slice(firstPass).map((m) => m.perSecond)) / peerMeasure.perSecond);
  process.stderr.write(`round ${r + 1}/${ROUNDS} done\n`);
}

// --- 3. Report.
const best = (values: number[], higherIsBetter: boolean) =>
  higherIsBetter ? Math.max(...values) : Math.min(...values);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const us = (n: number) => n.toFixed(2);
const cell = (text: string, width: number) => text.padStart(width);

const rows: [string, Measure[]][] = [
  ['ours, node:crypto SHA-256 (server, CLI) *', nodeSamples],
  ['ours, pure-JS SHA-256 (browser)', browserSamples],
  ['json-rules-engine 7.3.1', peerSamples],
];
const load = loadavg()
  .map((n) => n.toFixed(2))
  .join(' ');
console.log(
  `${ROUNDS} rounds (ours: ${OUR_PASSES} passes each) on ${availableParallelism()} CPUs, load average ${load} at the end; each cell is median / best pass of 10,000.`,
);
console.log(`${'engine'.padEnd(44)}${cell('decisions/s', 20)}${cell('p50 µs', 22)}${cell('p99 µs', 22)}`);
for (const [label, ms] of rows) {
  const perSecond = ms.map((m) => m.perSecond);
  const p50 = ms.map((m) => m.p50);
  const p99 = ms.map((m) => m.p99);
  console.log(
    label.padEnd(44) +
      cell(`${int(median(perSecond))} / ${int(best(perSecond, true))}`, 20) +
      cell(`${us(median(p50))} / ${us(best(p50, false))}`, 22) +
      cell(`${us(median(p99))} / ${us(best(p99, false))}`, 22),
  );
}
console.log(
  `\nratio ours / json-rules-engine (same round): node ${median(ratios).toFixed(1)}x median, ` +
    `${best(ratios, true).toFixed(1)}x best; browser config ${median(browserRatios).toFixed(1)}x median.`,
);
console.log('* headline: the configuration the server and CLI run.');
console.log(
  `Machine floor: a fixed loop that allocates nothing, timed the same way, took p50 ${us(median(floorSamples.map((m) => m.p50)))} µs ` +
    `and p99 ${us(median(floorSamples.map((m) => m.p99)))} µs (median of passes): that tail is the machine's, not the engine's.`,
);

const p99s = nodeSamples.map((m) => m.p99);
const verdict = (ok: boolean, okBest: boolean) =>
  ok ? 'MET' : okBest ? 'met in the best round only' : 'MISSED';
console.log(
  `Targets: >= ${TARGET_RATIO}x json-rules-engine: ${verdict(median(ratios) >= TARGET_RATIO, best(ratios, true) >= TARGET_RATIO)}; ` +
    `p99 < ${TARGET_P99_US} µs: ${verdict(median(p99s) < TARGET_P99_US, best(p99s, false) < TARGET_P99_US)}.`,
);

console.log('\nWhere our time goes (mean µs per disclosure, median of passes):');
for (const part of Object.keys(parts) as Part[]) {
  console.log(`  ${part.padEnd(28)}${cell(us(median(partSamples.map((r) => r[part]))), 8)}`);
}
const ruleMicros = median(
  partSamples.map((r) => r['evaluate, no hash (stub)'] - r['canonical JSON (UTF-8)']),
);
console.log(`  ${'=> rules and explanations'.padEnd(28)}${cell(us(ruleMicros), 8)}`);

// --- 4. The same engine on traffic shaped like real filings (no peer: the ratio above stands).
const realistic: readonly Disclosure[] = fc.sample(realisticDisclosure, { numRuns: COUNT, seed: SEED });
const realisticOutcomes = new Map<string, number>();
let realisticFindings = 0;
for (const d of realistic) {
  const v = evaluate(d, pack, { sha256: nodeSha256Hex });
  realisticOutcomes.set(v.outcome, (realisticOutcomes.get(v.outcome) ?? 0) + 1);
  realisticFindings += v.findings.length;
}
const realisticSamples: Measure[] = [];
for (let p = 0; p < OUR_PASSES * ROUNDS; p++) {
  realisticSamples.push(
    await timePass(
      (_d, i) => evaluate(realistic[i] as Disclosure, pack, { sha256: nodeSha256Hex }).findings.length,
    ),
  );
}
const rp50 = realisticSamples.map((m) => m.p50);
const rp99 = realisticSamples.map((m) => m.p99);
console.log(
  `\nRealistic mix (bench/realistic-disclosures.ts, seed ${SEED}): outcomes ` +
    `${[...realisticOutcomes].map(([o, n]) => `${o} ${n}`).join(', ')}; ${(realisticFindings / COUNT).toFixed(1)} findings each.`,
);
console.log(
  `ours, node:crypto SHA-256: ${int(median(realisticSamples.map((m) => m.perSecond)))} decisions/s; ` +
    `p50 ${us(median(rp50))} / ${us(best(rp50, false))} µs; p99 ${us(median(rp99))} / ${us(best(rp99, false))} µs ` +
    `(median / best of ${realisticSamples.length} passes); p99 < ${TARGET_P99_US} µs: ` +
    `${verdict(median(rp99) < TARGET_P99_US, best(rp99, false) < TARGET_P99_US)}.`,
);
if (sink === -1) console.log('');
