import type { Worker } from 'node:worker_threads';
import { digestFile, type FileDigest } from './digest-file.js';
import { startModuleWorker } from './module-worker.js';

/**
 * Hashes large files on worker threads. SHA-256 in Node runs on the calling thread, so files read
 * in parallel would still be hashed one after another on the main thread; a pool hashes as many
 * files at once as it has workers, while the main thread reads C2PA and XMP. Each worker streams
 * its file in 1 MiB reads, so memory stays bounded. If the worker entry is missing or a worker
 * dies, its files are hashed on the calling thread instead: slower, never lost.
 */
export type DigestPool = {
  digest(path: string): Promise<FileDigest>;
  /** Worker threads started (0: files are hashed on the calling thread). */
  readonly size: number;
  close(): Promise<void>;
};

type Reply = { id: number; digest?: FileDigest; error?: { message: string; code: string | null } };
type Job = { path: string; worker: Worker; resolve: (d: FileDigest) => void; reject: (e: Error) => void };

export function createDigestPool(size: number): DigestPool {
  if (size < 1) return { digest: digestFile, size: 0, close: async () => undefined };
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
    const worker = startModuleWorker('digest-worker', import.meta.url);
    if (worker === null) break; // no worker here: hash on this thread
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
    size: alive.size,
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
