/**
 * A disclosure as rows of `path -> value` (`tools[0].enterprise -> yes`), the form people read
 * answers in and the unit the revision diff compares. Lists of plain values stay one row.
 */
export type Row = { readonly path: string; readonly value: string };

function walk(value: unknown, path: string, out: Row[]): void {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      out.push({ path, value: value.join(', ') });
      return;
    }
    value.forEach((item, i) => {
      walk(item, `${path}[${i}]`, out);
    });
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) walk(inner, path === '' ? key : `${path}.${key}`, out);
    return;
  }
  out.push({ path, value: value === undefined || value === null ? '' : String(value) });
}

export function flatten(disclosure: unknown): Row[] {
  const out: Row[] = [];
  walk(disclosure, '', out);
  return out.filter((row) => row.path !== 'schema');
}

export type Change = { readonly path: string; readonly before: string; readonly after: string };

/** Rows that differ between two revisions, in the order of the newer one, removals last. */
export function diffDisclosures(before: unknown, after: unknown): Change[] {
  const old = new Map(flatten(before).map((r) => [r.path, r.value]));
  const now = flatten(after);
  const changes: Change[] = [];
  for (const row of now) {
    const was = old.get(row.path) ?? '';
    if (was !== row.value) changes.push({ path: row.path, before: was, after: row.value });
    old.delete(row.path);
  }
  for (const [path, was] of old) if (was !== '') changes.push({ path, before: was, after: '' });
  return changes;
}
