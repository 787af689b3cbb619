import fc from 'fast-check';
import { expect, it } from 'vitest';
import { sha256Hex } from '../lib/sha256.js';
import { nodeSha256Hex } from './node-sha256.js';

it('gives the same digest as the pure-JS SHA-256 the browser uses, for any text', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(nodeSha256Hex(text)).toBe(sha256Hex(text));
    }),
  );
});
