import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { withCanonicalJsonBytes } from './canonical-json.js';

/**
 * A SHA-256 as lowercase hex of text (hashed as UTF-8) or of bytes: pure JS by default, a
 * native one where the platform has it.
 */
export type Sha256Hex = (data: string | Uint8Array) => string;

const encoder = new TextEncoder();

/** Hex SHA-256 of a UTF-8 string or of bytes. Pure JS so the same code runs in the browser. */
export const sha256Hex: Sha256Hex = (data) =>
  bytesToHex(sha256(typeof data === 'string' ? encoder.encode(data) : data));

/** `sha256:<hex>` of the RFC 8785 canonical form of a JSON value. */
export function canonicalHash(value: unknown, hash: Sha256Hex = sha256Hex): string {
  return `sha256:${withCanonicalJsonBytes(value, hash)}`;
}
