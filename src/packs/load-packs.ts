import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackLoadError, type PolicyPack, parsePackText } from '../policy/pack.js';

/** The packs shipped in the repository: `packs/` at the package root (same depth from src/ and dist/). */
export const PACKS_DIR = fileURLToPath(new URL('../../packs/', import.meta.url));
export const DEFAULT_PACK_ID = 'netflix-genai-2025-08';

/** Packs bigger than this are refused before parsing: a pack is a few hundred rules at most. */
const MAX_PACK_BYTES = 1024 * 1024;
const PACK_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

const cache = new Map<string, PolicyPack>();

/** Reads and compiles one pack file; throws PackLoadError naming the file and every problem. */
export function loadPackFile(path: string): PolicyPack {
  const absolute = resolve(path);
  const cached = cache.get(absolute);
  if (cached) return cached;
  let size: number;
  try {
    size = statSync(absolute).size;
  } catch {
    throw new PackLoadError(path, ['file not found or not readable']);
  }
  if (size > MAX_PACK_BYTES)
    throw new PackLoadError(path, [`file is ${size} bytes; a pack may be at most ${MAX_PACK_BYTES}`]);
  const pack = parsePackText(readFileSync(absolute, 'utf8'), path);
  cache.set(absolute, pack);
  return pack;
}

/** Every pack shipped in packs/, sorted by id then version. */
export function listPacks(dir: string = PACKS_DIR): PolicyPack[] {
  return readdirSync(dir)
    .filter((name) => PACK_EXTENSIONS.has(extname(name)))
    .map((name) => loadPackFile(join(dir, name)))
    .sort(
      (a, b) => a.id.localeCompare(b.id) || a.version.localeCompare(b.version, undefined, { numeric: true }),
    );
}

/**
 * A pack by id (`netflix-genai-2025-08`, newest version), by `id@version`, or by a file path.
 * A value that looks like a path (has a separator or a pack extension) is read as a file.
 */
export function loadPack(idOrPath: string): PolicyPack {
  const looksLikePath =
    isAbsolute(idOrPath) || /[\\/]/.test(idOrPath) || PACK_EXTENSIONS.has(extname(idOrPath));
  if (looksLikePath) return loadPackFile(idOrPath);
  const [id, version] = idOrPath.split('@');
  const candidates = listPacks().filter(
    (pack) => pack.id === id && (version === undefined || pack.version === version),
  );
  const found = candidates.at(-1);
  if (!found) {
    const known = listPacks().map((pack) => `${pack.id}@${pack.version}`);
    throw new PackLoadError(idOrPath, [
      `no such pack; shipped packs: ${known.join(', ')}; or give a path to a pack file`,
    ]);
  }
  return found;
}

export function loadDefaultPack(): PolicyPack {
  return loadPack(DEFAULT_PACK_ID);
}

export function packsDirExists(dir: string = PACKS_DIR): boolean {
  return existsSync(dir);
}
