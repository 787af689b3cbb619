import { delimiter } from 'node:path';
import type { Command } from 'commander';
import { loadTrust, type TrustSettings, trustPathsFromEnv } from '../provenance/media/trust.js';
import { CliError } from './cli-error.js';
import { EXIT } from './exit-codes.js';

/**
 * `--trust FILE` (repeatable), for the commands that read C2PA manifests (`scan`, `assets
 * register`): the trust anchors that tell a trusted signer from an unknown one. Without it,
 * CLEARFRAME_C2PA_TRUST (paths separated like PATH); without either, every intact manifest is
 * only `untrusted`.
 */
export function addTrustOption(command: Command): Command {
  return command.option(
    '--trust <file>',
    'C2PA trust anchors (PEM) or EKU list (.cfg); repeat for several (default: CLEARFRAME_C2PA_TRUST)',
    (value: string, previous: string[]) => [...previous, value],
    [],
  );
}

export async function trustFromOption(paths: readonly string[]): Promise<TrustSettings | null> {
  const chosen =
    paths.length > 0 ? [...paths] : trustPathsFromEnv(process.env['CLEARFRAME_C2PA_TRUST'], delimiter);
  const trust = await loadTrust(chosen);
  if (!trust.ok) throw new CliError(trust.message, EXIT.INVALID_INPUT);
  return trust.trust;
}
