/** A fact a compiled condition reads, able to name itself and its value once a finding reports it. */
export interface TracedFact {
  /** `output.final`; for a field of a list item, with the item's place: `talent[2].consent`. */
  label(index: number): string;
  /** The fact and the value it was read with, as evidence: `output.final is yes`. */
  evidence(value: unknown, index: number): string;
}

/**
 * A stack of (fact, list index, value read) entries. Conditions push one per fact they read and
 * the junctions drop the entries that explain nothing, so deciding a rule allocates no strings:
 * only the entries a finding keeps are put into words, from the values already read.
 */
export class FactStack {
  private readonly facts: TracedFact[] = [];
  private readonly indexes: number[] = [];
  private readonly values: unknown[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(fact: TracedFact, index: number, value: unknown): void {
    this.facts[this.size] = fact;
    this.indexes[this.size] = index;
    this.values[this.size] = value;
    this.size++;
  }

  /** Keeps the first `length` entries. */
  truncate(length: number): void {
    this.size = length;
  }

  /** Drops the entries in [from, to), keeping the ones above them in order. */
  remove(from: number, to: number): void {
    const { facts, indexes, values } = this;
    let at = from;
    for (let i = to; i < this.size; i++, at++) {
      facts[at] = facts[i] as TracedFact;
      indexes[at] = indexes[i] as number;
      values[at] = values[i];
    }
    this.size = at;
  }

  /** Appends the labels of the entries in [from, to) to `into`, each label once. */
  addLabels(into: string[], from = 0, to = this.size): string[] {
    for (let i = from; i < to; i++) {
      const label = (this.facts[i] as TracedFact).label(this.indexes[i] as number);
      if (!into.includes(label)) into.push(label);
    }
    return into;
  }

  /** Every entry as evidence, in the order the facts were read. */
  evidence(): string[] {
    const texts: string[] = [];
    for (let i = 0; i < this.size; i++) {
      texts.push((this.facts[i] as TracedFact).evidence(this.values[i], this.indexes[i] as number));
    }
    return texts;
  }
}

/**
 * Why a condition came out as it did. A condition that returns TRUE or FALSE has pushed only
 * `because` entries (the evidence for that value); one that returns UNKNOWN has pushed only
 * `unknowns` (the facts whose answer would settle it). One trail per evaluation, cleared per rule.
 */
export class Trail {
  readonly because = new FactStack();
  readonly unknowns = new FactStack();

  clear(): void {
    this.because.truncate(0);
    this.unknowns.truncate(0);
  }
}
