import { FACTS } from './facts.js';

/** What `FactMemo.recall` returns for a fact not read yet in this evaluation. */
export const NOT_READ: unique symbol = Symbol('not read');

/** Each catalogued fact's row in a memo. */
const ROWS: ReadonlyMap<string, number> = new Map(Object.keys(FACTS).map((path, row) => [path, row]));

/** Places per fact: the root's, then one per list item (the disclosure format allows 200). */
const PLACES = 257;

/** The row of a catalogued fact (`talent[].consent`). */
export function memoRow(path: string): number {
  const row = ROWS.get(path);
  if (row === undefined) throw new Error(`${path} is not in the fact catalogue`);
  return row;
}

/**
 * The facts one evaluation has read, so that each is read from the inputs once however many
 * conditions test it: a tool's registry entry alone is tested by six rules. One memo serves
 * evaluation after evaluation: starting the next forgets every value without clearing anything.
 */
export class FactMemo {
  /** The evaluation each place was read in; a place stamped with another holds nothing. */
  private readonly stamps = new Int32Array(ROWS.size * PLACES);
  private readonly values: unknown[] = new Array(ROWS.size * PLACES).fill(undefined);
  private evaluation = 1;

  /** Forgets every value read so far. */
  next(): void {
    if (this.evaluation === 0x7fffffff) {
      this.stamps.fill(0);
      this.evaluation = 0;
    }
    this.evaluation++;
  }

  /**
   * What fact `row` read at `place` (0 for a root fact, 1 + the list index for an item's) in
   * this evaluation, or NOT_READ.
   */
  recall(row: number, place: number): unknown {
    const at = row * PLACES + place;
    return place < PLACES && this.stamps[at] === this.evaluation ? this.values[at] : NOT_READ;
  }

  /** Keeps what fact `row` read at `place`, and returns it. */
  keep(row: number, place: number, value: unknown): unknown {
    if (place < PLACES) {
      const at = row * PLACES + place;
      this.stamps[at] = this.evaluation;
      this.values[at] = value;
    }
    return value;
  }
}
