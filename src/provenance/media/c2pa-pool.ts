import { readFile } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { readC2pa } from './c2pa-reader.js';
import type { C2paReadResult } from './c2pa-summary.js';
import type { C2paJob, C2paReply } from './c2pa-worker.js';
import { startModuleWorker } from './module-worker.js';
import { createSerialQueue } from './serial-queue.js';

/**
 * The C2PA reader on its own worker thread, one asset at a time.
 *  - Off the main thread: WASM verification (tens to hundreds of milliseconds an asset) runs
 *    while the main thread and the digest pool go on hashing and reading.
 *  - One at a time: WASM memory grows to the largest asset held and never shrinks, so two large
 *    assets at once would double the peak. Callers wait for their result, which bounds the bytes
 *    waiting in the queue to one file per scan lane.
 *  - Bounded between files: after a read that leaves the thread's WASM memory over
 *    `RETIRE_WASM_BYTES` the thread is terminated (its memory goes back to the OS) and the next
 *    read starts a fresh one. So the reader holds at most ~`RETIRE_WASM_BYTES` between files, and
 *    during one read about twice that file plus ~30 MB (the file is at most `maxC2paBytes`).
 *  - Never lost: if no worker can start here, assets are read on the calling thread (memory then
 *    stays at the largest asset read); if the thread dies during a read, that asset gets a reader
 *    error (it becomes an item with a finding) and the next read starts a new thread.
 */
export type C2paInput = {
  readonly path: string;
  readonly mime: string;
  /** The file's bytes when the caller holds them; they are moved to the worker (unusable after). */
  readonly bytes: Uint8Array | null;
};

export type C2paReader = {
  read(input: C2paInput): Promise<C2paReadResult>;
  /** Worker threads started so far (a retired thread is replaced by a new one on the next read). */
  readonly threadsStarted: number;
  close(): Promise<void>;
};

/** WASM memory above which the reader's thread is retired after a read (see above). */
export const RETIRE_WASM_BYTES = 96 * 1024 * 1024;

type Running = {
  readonly worker: Worker;
  ready: boolean;
  job: { readonly id: number; readonly settle: (reply: Reply) => void } | null;
};
type Reply = { readonly result: C2paReadResult; readonly wasmBytes: number } | { readonly lost: string };

export function createC2paReader(
  settings: string,
  options: { readonly retireAboveBytes?: number } = {},
): C2paReader {
  const retireAbove = options.retireAboveBytes ?? RETIRE_WASM_BYTES;
  const serial = createSerialQueue();
  let running: Running | null = null;
  let inThread = false;
  let nextId = 0;
  let threadsStarted = 0;

  const start = (): Running | null => {
    const worker = startModuleWorker('c2pa-worker', import.meta.url, { settings });
    if (worker === null) return null;
    threadsStarted += 1;
    const state: Running = { worker, ready: false, job: null };
    worker.on('message', (reply: C2paReply) => {
      if ('ready' in reply) state.ready = true;
      else if (state.job?.id === reply.id) state.job.settle(reply);
    });
    const lost = (reason: string) => {
      if (running === state) running = null;
      state.job?.settle({ lost: reason });
      state.job = null;
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`its thread exited with code ${code}`));
    return state;
  };

  const inWorker = (state: Running, input: C2paInput): Promise<Reply> =>
    new Promise((settle) => {
      const id = nextId++;
      state.job = { id, settle };
      const bytes = input.bytes === null ? null : movable(input.bytes);
      const job: C2paJob = { id, path: input.path, mime: input.mime, bytes };
      state.worker.postMessage(job, bytes === null ? [] : [bytes.buffer]);
    });

  const here = async (input: C2paInput, moved: boolean): Promise<C2paReadResult> => {
    try {
      // Bytes already moved to a thread that then failed are gone; read the file again.
      const bytes = input.bytes !== null && !moved ? input.bytes : await readFile(input.path);
      return await readC2pa(bytes, input.mime, settings);
    } catch (error) {
      return { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  };

  const read = async (input: C2paInput): Promise<C2paReadResult> => {
    if (inThread) return here(input, false);
    running ??= start();
    const state = running;
    if (state === null) {
      inThread = true;
      return here(input, false);
    }
    const reply = await inWorker(state, input);
    state.job = null;
    if ('lost' in reply) {
      if (!state.ready) {
        // The thread never started (say, its module failed to load): read everything here.
        inThread = true;
        return here(input, true);
      }
      return { status: 'error', message: `the C2PA reader stopped while reading this file (${reply.lost})` };
    }
    if (reply.wasmBytes > retireAbove) {
      running = null;
      await state.worker.terminate();
    }
    return reply.result;
  };

  return {
    read: (input) => serial(() => read(input)),
    get threadsStarted() {
      return threadsStarted;
    },
    async close() {
      const state = running;
      running = null;
      await state?.worker.terminate();
    },
  };
}

/**
 * The bytes in a buffer of their own, to move to the worker without a copy. A file read whole
 * already owns its buffer; a view into a larger one is copied, so that moving it takes nothing else.
 */
function movable(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength)
    return new Uint8Array(buffer);
  return new Uint8Array(bytes);
}
