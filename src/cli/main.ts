import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { registerCommands } from './commands/index.js';
import { EXIT } from './exit-codes.js';

/**
 * The `clearframe` program. Each command lives in ./commands/<name>.ts and sets
 * `process.exitCode` itself; this wrapper turns every expected failure into a
 * one-paragraph message and a documented exit code, never a stack trace.
 */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('clearframe')
    .description('Govern generative AI use in film and TV production.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  await registerCommands(program, argv);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = await buildProgram(argv);
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version print and exit 0; usage errors are invalid input.
      return error.exitCode === 0 ? EXIT.OK : EXIT.INVALID_INPUT;
    }
    if (error instanceof CliError) {
      process.stderr.write(`clearframe: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`clearframe: unexpected failure: ${message}\n`);
    return EXIT.FAILURE;
  }
}
