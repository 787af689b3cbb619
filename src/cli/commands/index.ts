import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerExplain } from './explain.js';
import { registerPacks } from './packs.js';

/** Every CLI command, registered in the order `clearframe --help` lists them. */
export function registerCommands(program: Command): void {
  registerCheck(program);
  registerPacks(program);
  registerExplain(program);
}
