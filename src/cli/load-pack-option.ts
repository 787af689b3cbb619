import { loadDefaultPack, loadPack } from '../packs/load-packs.js';
import { PackLoadError, type PolicyPack } from '../policy/pack.js';
import { CliError } from './cli-error.js';
import { EXIT } from './exit-codes.js';

/** The pack named by `--pack ID|PATH`, or the default; a pack that does not load is invalid input. */
export function loadPackOption(idOrPath: string | undefined): PolicyPack {
  try {
    return idOrPath === undefined ? loadDefaultPack() : loadPack(idOrPath);
  } catch (error) {
    if (error instanceof PackLoadError) throw new CliError(error.message, EXIT.INVALID_INPUT);
    throw error;
  }
}
