import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mediaTypeOf } from '../media/media-type.js';

/**
 * Expands the PATH arguments into media files. Symlinks are followed (a delivery folder often
 * links to shared media), so a directory that links back to one of its ancestors is reported as
 * a loop instead of being walked forever, and a file reached twice through links is scanned once.
 */
export type WalkEntry =
  | { readonly kind: 'file'; readonly path: string; readonly bytes: number }
  | {
      readonly kind: 'problem';
      readonly path: string;
      readonly code: 'walk.symlink-loop' | 'walk.unreadable' | 'walk.not-found';
      readonly message: string;
    };

export type WalkResult = { readonly entries: readonly WalkEntry[]; readonly skipped: number };

export async function walkPaths(paths: readonly string[]): Promise<WalkResult> {
  const entries: WalkEntry[] = [];
  const seenFiles = new Set<string>();
  let skipped = 0;

  const addFile = async (path: string, bytes: number, explicit: boolean) => {
    // Only media by extension inside folders; a file named on the command line is always scanned.
    if (!explicit && mediaTypeOf(path) === null) {
      skipped += 1;
      return;
    }
    const real = await realpath(path).catch(() => path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    entries.push({ kind: 'file', path, bytes });
  };

  const visitDirectory = async (dir: string, ancestors: ReadonlySet<string>): Promise<void> => {
    let children: Dirent[];
    try {
      children = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      entries.push(problem(dir, error));
      return;
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      // Dot files are editor and OS clutter (.DS_Store, AppleDouble ._x.mov), not deliverables.
      if (child.name.startsWith('.')) continue;
      await visit(join(dir, child.name), ancestors, false);
    }
  };

  const visit = async (path: string, ancestors: ReadonlySet<string>, explicit: boolean): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      entries.push(problem(path, error));
      return;
    }
    if (info.isDirectory()) {
      const real = await realpath(path).catch(() => path);
      if (ancestors.has(real)) {
        entries.push({
          kind: 'problem',
          path,
          code: 'walk.symlink-loop',
          message: `symlink loop: ${path} leads back to ${real}, which contains it; not walked again`,
        });
        return;
      }
      await visitDirectory(path, new Set([...ancestors, real]));
      return;
    }
    if (info.isFile()) await addFile(path, info.size, explicit);
  };

  for (const path of paths) await visit(path, new Set(), true);
  return { entries, skipped };
}

function problem(path: string, error: unknown): WalkEntry {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') {
    return {
      kind: 'problem',
      path,
      code: 'walk.symlink-loop',
      message: `symlink loop: ${path} resolves to itself through links`,
    };
  }
  if (code === 'ENOENT') {
    return {
      kind: 'problem',
      path,
      code: 'walk.not-found',
      message: `${path} does not exist (or is a broken symlink)`,
    };
  }
  return {
    kind: 'problem',
    path,
    code: 'walk.unreadable',
    message: `${path} cannot be read (${code ?? String(error)}); check its permissions`,
  };
}
