/**
 * FCPXML writes times as rational seconds: `3600s`, `100/3000s`, `1001/30000s`. Returns seconds,
 * or null for anything else so the caller can name the attribute in its error.
 */
export function parseRationalTime(text: string | undefined): number | null {
  if (text === undefined) return null;
  const match = /^(-?\d+)(?:\/(\d+))?s$/.exec(text.trim());
  if (match === null) return null;
  const numerator = Number(match[1]);
  const denominator = match[2] === undefined ? 1 : Number(match[2]);
  if (denominator === 0) return null;
  return numerator / denominator;
}
