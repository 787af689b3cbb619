// Runs the real CLI from source in a child process (for the crash test): `serve` with its flags.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv);
