import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { digestFile, type FileDigest } from './digest-file.js';

/**
 * Hashes large files on worker threads. SHA-256 in Node runs on the calling thread, so files read
 * in parallel would still be hashed one after another on the main thread; a pool hashes as many
 * files at once as it has workers, while the main thread reads C2PA and XMP. Each worker streams
 * its file in 1 MiB reads, so memory stays bounded. If the worker entry is missing or a worker
 * dies, its files are hashed on the calling thread instead: slower, never lost.
 */
export type DigestPool = { digest(path: string): Promise<FileDigest>; close(): Promise<void> };

type Reply = { id: number; digest?: FileDigest; error?: { message: string; code: string | null } };
type Job = { path: string; worker: Worker; resolve: (d: FileDigest) => void; reject: (e: Error) => void };

export function createDigestPool(size: number): DigestPool {
  const entry = workerEntry();
  if (entry === null || size < 1) return { digest: digestFile, close: async () => undefined };
  const jobs = new Map<number, Job>();
  const alive = new Set<Worker>();
  const load = new Map<Worker, number>();
  let nextId = 0;

  const finish = (id: number) => {
    const job = jobs.get(id);
    jobs.delete(id);
    if (job) load.set(job.worker, (load.get(job.worker) ?? 1) - 1);
    return job;
  };
  const rescue = (worker: Worker) => {
    alive.delete(worker);
    for (const [id, job] of jobs) {
      if (job.worker !== worker) continue;
      finish(id);
      digestFile(job.path).then(job.resolve, job.reject);
    }
  };
  for (let i = 0; i < size; i++) {
    let worker: Worker;
    try {
      worker = startWorker(entry);
    } catch {
      break; // no worker here (say, a runtime without tsx's loader API): hash on this thread
    }
    alive.add(worker);
    load.set(worker, 0);
    worker.on('message', (reply: Reply) => {
      const job = finish(reply.id);
      if (job === undefined) return;
      if (reply.digest !== undefined) job.resolve(reply.digest);
      else
        job.reject(
          Object.assign(new Error(reply.error?.message ?? 'hashing failed'), {
            code: reply.error?.code ?? undefined,
          }),
        );
    });
    worker.on('error', () => rescue(worker));
    worker.on('exit', () => rescue(worker));
  }
  return {
    digest(path) {
      let best: Worker | null = null;
      for (const worker of alive)
        if (best === null || (load.get(worker) ?? 0) < (load.get(best) ?? 0)) best = worker;
      if (best === null) return digestFile(path);
      const worker = best;
      const id = nextId++;
      load.set(worker, (load.get(worker) ?? 0) + 1);
      return new Promise<FileDigest>((resolve, reject) => {
        jobs.set(id, { path, worker, resolve, reject });
        worker.postMessage({ id, path });
      });
    },
    async close() {
      const workers = [...alive];
      alive.clear();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * A worker on the compiled entry, or, when running from source through tsx, one that registers
 * tsx's loader first (workers do not inherit the main thread's loader hooks).
 */
function startWorker(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`,
    { eval: true },
  );
}

/** The compiled `.js` entry beside this file, or the `.ts` source when run through tsx. */
function workerEntry(): URL | null {
  for (const name of ['./digest-worker.js', './digest-worker.ts']) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}
