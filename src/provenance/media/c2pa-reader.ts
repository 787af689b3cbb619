import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';
import type { C2paReadResult } from './c2pa-summary.js';
import { summariseManifestStore } from './c2pa-summary.js';
import type { TrustSettings } from './trust.js';

/**
 * C2PA through the official c2pa-rs reader compiled to WASM. It takes the whole asset as bytes,
 * so callers bound what they hand it (see `DEFAULT_MAX_C2PA_BYTES`). Network stays off: no
 * remote-manifest fetch and no OCSP, so a scan gives the same answer offline and twice in a row.
 */

/**
 * Largest file handed to the WASM reader. The reader copies the bytes into WASM memory, and WASM
 * memory never shrinks, so reading a file takes roughly 2x its size plus the ~30 MB the reader
 * thread needs. The reader runs on its own worker thread, retired after a read leaves its WASM
 * memory large (see c2pa-pool.ts), so 192 MiB keeps a scan under 500 MB whatever else is in the
 * folder; raise it with `--max-c2pa-mb` on larger hosts.
 */
export const DEFAULT_MAX_C2PA_BYTES = 192 * 1024 * 1024;

let memory: { readonly buffer: ArrayBufferLike } | null = null;

function ensureWasm(): void {
  if (memory !== null) return;
  const wasmPath = createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/c2pa.wasm');
  memory = initSync({ module: readFileSync(wasmPath) }).memory;
}

/** Bytes of WASM memory the reader holds in this thread (0 before its first read); it never shrinks. */
export function wasmMemoryBytes(): number {
  return memory?.buffer.byteLength ?? 0;
}

/** The reader's settings JSON (c2pa-rs `Settings`). Trust verification stays on so an unknown signer shows as untrusted. */
export function readerSettings(trust: TrustSettings | null): string {
  return JSON.stringify({
    verify: { verify_trust: true, remote_manifest_fetch: false, ocsp_fetch: false },
    ...(trust === null
      ? {}
      : {
          trust: {
            trust_anchors: trust.anchorsPem,
            ...(trust.ekuConfig === null ? {} : { trust_config: trust.ekuConfig }),
          },
        }),
  });
}

/** Reads the manifest store from an asset's bytes. `mime` is a hint; the reader also sniffs the content. */
export async function readC2pa(bytes: Uint8Array, mime: string, settings: string): Promise<C2paReadResult> {
  ensureWasm();
  let reader: WasmReader | null = null;
  try {
    reader = await WasmReader.fromBytes(mime, bytes, settings);
    return { status: 'manifest', summary: summariseManifestStore(reader.manifestStore()) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The reader's way of saying "this asset carries no manifest": not an error for us.
    if (message.includes('JumbfNotFound')) return { status: 'none' };
    return { status: 'error', message };
  } finally {
    reader?.free();
  }
}
