import type { Command } from 'commander';
import { registerAudit } from './audit.js';
import { registerCheck } from './check.js';
import { registerExplain } from './explain.js';
import { registerPacks } from './packs.js';
import { registerScan } from './scan.js';
import { registerServe } from './serve.js';
import { registerStatus } from './status.js';
import { registerSubmit } from './submit.js';

/** Every CLI command, registered in the order `clearframe --help` lists them. */
export function registerCommands(program: Command): void {
  registerCheck(program);
  registerPacks(program);
  registerExplain(program);
  registerServe(program);
  registerSubmit(program);
  registerStatus(program);
  registerAudit(program);
  registerScan(program);
}
