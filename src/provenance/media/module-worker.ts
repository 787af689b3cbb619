import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread on the module `name` beside `base` (an `import.meta.url`): the compiled `.js`
 * entry, or, when running from source through tsx, the `.ts` one with tsx's loader registered
 * first (workers do not inherit the main thread's loader hooks). Null when neither file exists;
 * the caller then does the work on its own thread.
 */
export function startModuleWorker(name: string, base: string, workerData?: unknown): Worker | null {
  const entry = moduleEntry(name, base);
  if (entry === null) return null;
  const options = workerData === undefined ? {} : { workerData };
  try {
    if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
    const tsx = import.meta.resolve('tsx/esm/api');
    return new Worker(
      `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`,
      { ...options, eval: true },
    );
  } catch {
    return null; // say, a runtime without tsx's loader API
  }
}

function moduleEntry(name: string, base: string): URL | null {
  for (const file of [`./${name}.js`, `./${name}.ts`]) {
    const url = new URL(file, base);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}
