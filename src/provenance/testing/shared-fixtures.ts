import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
