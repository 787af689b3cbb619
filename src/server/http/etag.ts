import { AppError } from '../../domain/errors.js';

/** ETags are the disclosure's version: `"v3"`. */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

/** Reads If-Match (`"v3"`, `W/"v3"` or `3`) into a version; absent means "no precondition". */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?v?(\d{1,9})"?$/.exec(header.trim());
  if (match?.[1] === undefined) {
    throw new AppError(
      'INVALID_INPUT',
      `If-Match must be the ETag you read, like "v3"; got ${header.slice(0, 40)}.`,
      {
        header: 'If-Match',
      },
    );
  }
  return Number(match[1]);
}
