import { hash } from 'node:crypto';
import type { Sha256Hex } from '../lib/sha256.js';

/**
 * Node's native SHA-256, several times faster than the pure-JS one the browser uses.
 * Server and CLI hand it to the policy engine; both give the same digest (tested).
 */
export const nodeSha256Hex: Sha256Hex = (data) => hash('sha256', data, 'hex');
