/**
 * `npm run bench:scan`: the offline scan against the tools a studio would otherwise run, on one
 * generated folder of >= 2 GB of mixed media, all figures measured in the same run.
 *  - scan throughput vs `sha256sum` over the same files (target >= 0.8x),
 *  - our metadata pass (the scan's XMP readers; ExifTool only for formats they lack) vs
 *    `exiftool -r -json` (target >= 5x),
 *  - peak RSS of the scanning process (target < 500 MB; ExifTool's perl processes are separate).
 * The folder lives under the OS temp dir and is reused when present. Each measured pass runs in a
 * child process so its peak RSS is its own; the page cache is warmed first so disks don't decide.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mediaTypeOf } from '../src/provenance/media/media-type.js';
import { readXmpFacts } from '../src/provenance/media/read-xmp.js';
import { loadTrust } from '../src/provenance/media/trust.js';
import { canReadWithExifr, createExiftoolXmpReader } from '../src/provenance/media/xmp-reader.js';
import { scan } from '../src/provenance/scan/scan.js';

const BENCH_DIR = join(tmpdir(), 'clearframe-scan-bench-v1');
const FIXTURES = fileURLToPath(new URL('../../shared/fixtures/', import.meta.url));
const COPIES = 30;
const LARGE_FILES = [
  { name: 'A001_C001_plate.mov', bytes: 480 * 2 ** 20, header: bmffHeader('qt  ') },
  { name: 'A001_C002_plate.mov', bytes: 470 * 2 ** 20, header: bmffHeader('qt  ') },
  { name: 'VFX_0420_comp.mp4', bytes: 450 * 2 ** 20, header: bmffHeader('isom') },
  { name: 'R1_stems_mix.wav', bytes: 420 * 2 ** 20, header: riffHeader() },
];
const TARGET_BYTES = 2 * 10 ** 9;

async function main(): Promise<void> {
  const [mode, dir] = process.argv.slice(2);
  if (mode === '--child-scan' && dir !== undefined) return childScan(dir);
  if (mode === '--child-metadata' && dir !== undefined) return childMetadata(dir);

  const files = await prepareFolder();
  const totalBytes = (await Promise.all(files.map((file) => stat(file)))).reduce(
    (sum, info) => sum + info.size,
    0,
  );
  console.log(
    `folder: ${BENCH_DIR} (${files.length} files, ${(totalBytes / 1e9).toFixed(2)} GB, ${availableParallelism()} CPUs)`,
  );

  timed(() => runSha256sum(files)); // warm the page cache; not measured
  const shaSeconds = timed(() => runSha256sum(files));
  const ours = await runChild('--child-scan');
  const exiftoolSeconds = timed(() => runExiftool());
  const metadata = await runChild('--child-metadata');

  const gbps = (seconds: number) => `${(totalBytes / 1e9 / seconds).toFixed(2)} GB/s`;
  console.log('');
  console.log(`sha256sum, same files          ${shaSeconds.toFixed(2)} s  (${gbps(shaSeconds)})`);
  console.log(
    `clearframe scan (full)         ${ours.seconds.toFixed(2)} s  (${gbps(ours.seconds)}), ${ours.items} items, peak RSS ${ours.maxRssMb} MB`,
  );
  console.log(`exiftool -r -json              ${exiftoolSeconds.toFixed(2)} s`);
  console.log(
    `clearframe metadata pass       ${metadata.seconds.toFixed(2)} s, peak RSS ${metadata.maxRssMb} MB`,
  );
  console.log('');
  const throughput = shaSeconds / ours.seconds;
  const metadataSpeedup = exiftoolSeconds / metadata.seconds;
  report('scan throughput vs sha256sum', throughput, 'x', throughput >= 0.8, '>= 0.8x');
  report('metadata pass vs exiftool -r -json', metadataSpeedup, 'x faster', metadataSpeedup >= 5, '>= 5x');
  report('peak RSS of the scan', ours.maxRssMb, 'MB', ours.maxRssMb < 500, '< 500 MB');
}

function report(label: string, value: number, unit: string, met: boolean, target: string): void {
  console.log(
    `${label.padEnd(36)} ${value.toFixed(2)} ${unit}  (target ${target}: ${met ? 'met' : 'NOT met'})`,
  );
}

/** Fixture copies (real C2PA media of every kind) plus large video/audio files of random payload. */
async function prepareFolder(): Promise<string[]> {
  const done = join(BENCH_DIR, '.complete');
  if (!existsSync(done)) {
    if (!existsSync(join(FIXTURES, 'c2pa')))
      throw new Error(`the bench copies media from ${FIXTURES}c2pa; put ../shared beside the checkout`);
    await mkdir(BENCH_DIR, { recursive: true });
    const fixtures = await readdir(join(FIXTURES, 'c2pa'));
    for (let copy = 0; copy < COPIES; copy++) {
      const sub = join(BENCH_DIR, `reel${String(copy).padStart(2, '0')}`);
      await mkdir(sub, { recursive: true });
      for (const name of fixtures) await copyFile(join(FIXTURES, 'c2pa', name), join(sub, name));
    }
    for (const large of LARGE_FILES)
      await writeRandomFile(join(BENCH_DIR, large.name), large.bytes, large.header);
    await writeFile(done, new Date().toISOString());
  }
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push(path);
    }
  };
  await walk(BENCH_DIR);
  const bytes = (await Promise.all(files.map((file) => stat(file)))).reduce(
    (sum, info) => sum + info.size,
    0,
  );
  if (bytes < TARGET_BYTES)
    throw new Error(`bench folder holds only ${bytes} bytes; delete ${BENCH_DIR} to regenerate`);
  return files.sort();
}

async function writeRandomFile(path: string, bytes: number, header: Buffer): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.write(header);
    const chunk = Buffer.alloc(8 * 2 ** 20);
    for (let written = header.length; written < bytes; written += chunk.length) {
      randomFillSync(chunk);
      await handle.write(chunk, 0, Math.min(chunk.length, bytes - written));
    }
  } finally {
    await handle.close();
  }
}

/** `ftyp` + an `mdat` box announcing the rest of the file, as a camera original is laid out. */
function bmffHeader(brand: string): Buffer {
  const ftyp = Buffer.alloc(20);
  ftyp.writeUInt32BE(20, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write(brand, 8, 'latin1');
  ftyp.write(brand, 16, 'latin1');
  const mdat = Buffer.alloc(16);
  mdat.writeUInt32BE(1, 0);
  mdat.write('mdat', 4, 'latin1');
  mdat.writeBigUInt64BE(BigInt(400 * 2 ** 20), 8);
  return Buffer.concat([ftyp, mdat]);
}

function riffHeader(): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(420 * 2 ** 20 - 8, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(48_000, 24);
  header.writeUInt32LE(48_000 * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(420 * 2 ** 20 - 44, 40);
  return header;
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

function runSha256sum(files: readonly string[]): void {
  for (let i = 0; i < files.length; i += 500) {
    const result = spawnSync('sha256sum', files.slice(i, i + 500), {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (result.status !== 0) throw new Error('sha256sum failed');
  }
}

/** The `exiftool` command if installed, else the perl script exiftool-vendored ships. */
function runExiftool(): void {
  const onPath = spawnSync('sh', ['-c', 'command -v exiftool'], { encoding: 'utf8' }).stdout.trim();
  const script = fileURLToPath(new URL('../node_modules/exiftool-vendored.pl/bin/exiftool', import.meta.url));
  const [command, args] = onPath !== '' ? [onPath, []] : ['perl', [script]];
  const result = spawnSync(command, [...args, '-r', '-json', BENCH_DIR], {
    stdio: ['ignore', 'ignore', 'ignore'],
    maxBuffer: 2 ** 30,
  });
  if (result.error !== undefined) throw result.error;
}

type ChildResult = { readonly seconds: number; readonly maxRssMb: number; readonly items: number };

function runChild(mode: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), mode, BENCH_DIR],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult)
        : reject(new Error(`${mode} exited ${code}`)),
    );
  });
}

function printChild(started: number, items: number): void {
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, maxRssMb, items }));
}

async function childScan(dir: string): Promise<void> {
  const trustFiles = ['C2PA-TRUST-LIST.pem', 'interim-anchors.pem']
    .map((name) => join(FIXTURES, 'trust', name))
    .filter((path) => existsSync(path));
  const trust = await loadTrust(trustFiles);
  const started = performance.now();
  const report = await scan({ paths: [dir], trust: trust.ok ? trust.trust : null });
  printChild(started, report.items.length);
}

/**
 * The XMP part of the scan alone, as the scanner does it (`readXmpFacts`): exifr in-process for
 * images (which the scan holds in memory anyway, so they are read whole here too), our container
 * reader for video and audio and our PDF reader (bounded reads of where XMP lives), ExifTool for the rest.
 */
async function childMetadata(dir: string): Promise<void> {
  const files: string[] = [];
  const walk = async (path: string) => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) await walk(join(path, entry.name));
      else files.push(join(path, entry.name));
    }
  };
  const started = performance.now();
  await walk(dir);
  const exiftool = createExiftoolXmpReader(Math.min(4, availableParallelism()));
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < files.length; index = next++) {
      const path = files[index] ?? '';
      const mime = mediaTypeOf(path)?.mime ?? null;
      const { size } = await stat(path);
      const inMemory = mime !== null && canReadWithExifr(mime) && size <= 32 * 2 ** 20;
      const bytes = inMemory ? await readFile(path) : null;
      await readXmpFacts({ path, size, mime, bytes, exiftool });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  await exiftool.end();
  printChild(started, files.length);
}

await main();
