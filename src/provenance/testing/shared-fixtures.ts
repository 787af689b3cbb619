import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProvenanceClass } from '../classify/classify.js';
import type { Validation } from '../media/c2pa-summary.js';

/**
 * The read-only shared fixtures live beside the repository (`../shared`), never inside it.
 * Only `*.shared.test.ts` files import this, so `npm test` runs in a clone without them.
 */
export const SHARED_FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/', import.meta.url));

export function sharedPath(...parts: string[]): string {
  return [SHARED_FIXTURES.replace(/\/$/, ''), ...parts].join('/');
}

export function requireSharedFixtures(): void {
  if (!existsSync(SHARED_FIXTURES)) {
    throw new Error(
      `shared fixtures not found at ${SHARED_FIXTURES}; the shared suite needs ../shared beside the checkout`,
    );
  }
}

export type ExpectedTimeline = {
  readonly format: string;
  readonly fps: number;
  readonly dropFrame: boolean;
  readonly events: number;
  readonly references: readonly string[];
};

export type ExpectedMedia = {
  readonly class: 'ai-generated' | 'ai-composite' | 'capture' | 'invalid' | 'none';
  readonly manifest: boolean;
  readonly validation: 'valid' | 'untrusted' | 'invalid' | 'none';
  readonly validationStateWithoutTrustLists?: string;
  readonly digitalSourceTypes: readonly string[];
  readonly claimGenerator: string | null;
  readonly signer?: string;
  readonly mediaType: string;
  readonly xmpDigitalSourceType: string | null;
  readonly failureCodes?: readonly string[];
};

export type Expected = {
  readonly c2pa: Readonly<Record<string, ExpectedMedia>>;
  readonly timelines: Readonly<Record<string, ExpectedTimeline>>;
};

export function loadExpected(): Expected {
  requireSharedFixtures();
  return JSON.parse(readFileSync(sharedPath('expected.json'), 'utf8')) as Expected;
}

/**
 * expected.json speaks its own vocabulary: `capture` is our `no-ai-signal`, `none` our `unknown`,
 * and `invalid` says nothing about AI, so for those the class follows the source types recorded.
 */
export function expectedClass(facts: ExpectedMedia): ProvenanceClass {
  switch (facts.class) {
    case 'ai-generated':
    case 'ai-composite':
      return facts.class;
    case 'capture':
      return 'no-ai-signal';
    case 'none':
      return 'unknown';
    case 'invalid':
      if (facts.digitalSourceTypes.some((dst) => /\/compositeWithTrainedAlgorithmicMedia$/.test(dst.trim())))
        return 'ai-composite';
      if (facts.digitalSourceTypes.some((dst) => /\/trainedAlgorithmicMedia$/.test(dst.trim())))
        return 'ai-generated';
      return 'no-ai-signal';
  }
}

export function expectedValidation(facts: ExpectedMedia, withTrust: boolean): Validation {
  if (!facts.manifest) return 'none';
  if (withTrust) return facts.validation === 'valid' ? 'trusted' : facts.validation;
  return facts.validationStateWithoutTrustLists === 'Invalid' ? 'invalid' : 'untrusted';
}

/** The real trust lists in ../shared/fixtures/trust: anchors, allowed signers and the EKU config. */
export function sharedTrustFiles(): string[] {
  return ['C2PA-TRUST-LIST.pem', 'interim-anchors.pem', 'interim-allowed.pem', 'interim-store.cfg'].map(
    (name) => sharedPath('trust', name),
  );
}
