import { parentPort } from 'node:worker_threads';
import { digestFile } from './digest-file.js';

/**
 * Worker-thread entry of the digest pool: hashes one file per message so large files are hashed
 * on other cores while the main thread reads C2PA and XMP. Errors go back as messages (code and
 * message only), so the pool turns them into the same per-item finding as in-thread hashing.
 */
parentPort?.on('message', async (message: { id: number; path: string }) => {
  try {
    parentPort?.postMessage({ id: message.id, digest: await digestFile(message.path) });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    parentPort?.postMessage({
      id: message.id,
      error: { message: failure.message, code: failure.code ?? null },
    });
  }
});
