import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { readC2pa, wasmMemoryBytes } from './c2pa-reader.js';
import type { C2paReadResult } from './c2pa-summary.js';

/**
 * Worker-thread entry of the C2PA reader (c2pa-pool.ts): verifies one asset per message, so the
 * WASM verification never holds up hashing and I/O on the main thread. The bytes come moved from
 * the main thread, or, for a file too large to hold there, are read here from `path`. Each reply
 * says how much WASM memory the thread now holds, so the pool can retire a thread that grew large.
 */
export type C2paJob = {
  readonly id: number;
  readonly path: string;
  readonly mime: string;
  readonly bytes: Uint8Array | null;
};
export type C2paReply =
  | { readonly ready: true }
  | { readonly id: number; readonly result: C2paReadResult; readonly wasmBytes: number };

const { settings } = workerData as { settings: string };

parentPort?.on('message', async (job: C2paJob) => {
  let result: C2paReadResult;
  try {
    result = await readC2pa(job.bytes ?? (await readFile(job.path)), job.mime, settings);
  } catch (error) {
    result = { status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage({ id: job.id, result, wasmBytes: wasmMemoryBytes() } satisfies C2paReply);
});
parentPort?.postMessage({ ready: true } satisfies C2paReply);
