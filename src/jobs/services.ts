/**
 * Outside systems a job handler may use, given to the worker when it starts. Each field is
 * optional so that tests start a worker with only what they exercise; a handler that needs
 * a missing one fails with a clear error (and is retried), it never guesses.
 */
export type JobServices = {
  /** HTTP client for webhooks (default: global fetch). */
  readonly fetch?: typeof fetch | undefined;
};
