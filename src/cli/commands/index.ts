import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every CLI command, in the order `clearframe --help` lists them, each loaded on demand:
 * `clearframe check` must start in a fraction of a second in a CI pipeline, so it must not
 * load the server, the database driver or the C2PA reader that other commands need.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  check: async () => (await import('./check.js')).registerCheck,
  packs: async () => (await import('./packs.js')).registerPacks,
  explain: async () => (await import('./explain.js')).registerExplain,
  serve: async () => (await import('./serve.js')).registerServe,
  submit: async () => (await import('./submit.js')).registerSubmit,
  status: async () => (await import('./status.js')).registerStatus,
  audit: async () => (await import('./audit.js')).registerAudit,
  scan: async () => (await import('./scan.js')).registerScan,
  assets: async () => (await import('./assets.js')).registerAssets,
  expire: async () => (await import('./expire.js')).registerExpire,
  'verify-letter': async () => (await import('./verify-letter.js')).registerVerifyLetter,
  import: async () => (await import('./import.js')).registerImport,
  admin: async () => (await import('./admin.js')).registerAdmin,
};

/**
 * Registers the command named in `argv` alone when there is one; otherwise (help, no command,
 * a mistyped command) every command, so that help and "did you mean" list them all.
 */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  const named = argv[2];
  const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const name of wanted) (await (COMMANDS[name] as () => Promise<Register>)())(program);
}
