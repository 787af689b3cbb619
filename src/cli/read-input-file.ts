import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** Disclosures are a few kilobytes; anything larger than this is refused before it is parsed. */
export const MAX_DISCLOSURE_BYTES = 1024 * 1024;

export type ReadResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

/**
 * Reads one YAML or JSON document from a file or, for `-`, from standard input, refusing
 * missing, oversized, binary and malformed input with one clear sentence each.
 */
export function readYamlOrJson(file: string, maxBytes: number = MAX_DISCLOSURE_BYTES): ReadResult {
  const label = file === '-' ? 'standard input' : file;
  let bytes: Buffer;
  try {
    if (file !== '-') {
      const stat = statSync(file);
      if (stat.isDirectory())
        return { ok: false, message: `${label} is a folder; give a disclosure file (YAML or JSON)` };
      if (stat.size > maxBytes) return { ok: false, message: tooBig(label, stat.size, maxBytes) };
    }
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, message: `${label}: no such file` };
    if (code === 'EACCES') return { ok: false, message: `${label}: permission denied` };
    return { ok: false, message: `${label}: cannot be read (${code ?? 'unknown error'})` };
  }
  if (bytes.length > maxBytes) return { ok: false, message: tooBig(label, bytes.length, maxBytes) };
  if (bytes.includes(0))
    return { ok: false, message: `${label} is a binary file, not a YAML or JSON disclosure` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: `${label} is not UTF-8 text; save the disclosure as UTF-8 YAML or JSON` };
  }
  if (text.trim() === '')
    return { ok: false, message: `${label} is empty; expected a clearframe/disclosure@1 document` };
  try {
    // YAML 1.2 core schema: `yes` stays a string; `true`/`false` are booleans, which the schema accepts.
    return { ok: true, value: parseYaml(text, { maxAliasCount: 100, uniqueKeys: true }) };
  } catch (error) {
    const firstLine = (error as Error).message.split('\n')[0];
    return { ok: false, message: `${label} is not valid YAML or JSON: ${firstLine}` };
  }
}

function tooBig(label: string, size: number, max: number): string {
  return `${label} is ${(size / 1024 / 1024).toFixed(1)} MB; a disclosure file may be at most ${max / 1024 / 1024} MB`;
}
