import { main } from './main.js';

/** Runs the CLI from source (tests, `tsx src/cli/run.ts`); bin/clearframe runs the compiled copy. */
process.exitCode = await main(process.argv);
