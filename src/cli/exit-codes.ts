/** Process exit codes shared by every command; `check` adds the verdict codes of disclosure-format.md. */
export const EXIT = {
  OK: 0,
  FAILURE: 1,
  INVALID_INPUT: 2,
} as const;
