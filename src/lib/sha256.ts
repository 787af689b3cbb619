import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json.js';

/** A SHA-256 of UTF-8 text as lowercase hex: pure JS by default, a native one where the platform has it. */
export type Sha256Hex = (text: string) => string;

const encoder = new TextEncoder();

/** Hex SHA-256 of a UTF-8 string. Pure JS so the same code runs in the browser. */
export const sha256Hex: Sha256Hex = (text) => bytesToHex(sha256(encoder.encode(text)));

/** `sha256:<hex>` of the RFC 8785 canonical form of a JSON value. */
export function canonicalHash(value: unknown, hash: Sha256Hex = sha256Hex): string {
  return `sha256:${hash(canonicalJson(value))}`;
}
