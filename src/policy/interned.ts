/**
 * `text` as the single copy V8 keeps of it as a property name. Strings parsed from a pack file
 * are fresh copies: looked up as keys of the disclosure, each lookup first searches the string
 * table for the key; compared with `===` against a different string of the same length, the
 * characters are compared. The unique copy is found and compared by its address, as the
 * disclosure's own keys and vocabulary values are. Other engines get an equal string back.
 */
export function interned<T extends string>(text: T): T {
  return Object.keys({ [text]: true })[0] as T;
}
