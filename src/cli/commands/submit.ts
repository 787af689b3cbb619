import type { Command } from 'commander';
import { addApiOptions, apiClient } from '../api-client.js';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';
import { readYamlOrJson } from '../read-input-file.js';
import { formatDisclosureLine, type RemoteDisclosure } from './status.js';

type SubmitOptions = {
  production: string;
  url?: string;
  token?: string;
  json?: boolean;
  draft?: boolean;
  idempotencyKey?: string;
};

/** `clearframe submit FILE --production ID`: send a disclosure file to the server. */
export function registerSubmit(program: Command): void {
  addApiOptions(
    program
      .command('submit')
      .description('Submit a disclosure file (YAML or JSON) to a Clearframe server')
      .argument('<file>', 'a clearframe/disclosure@1 file; - reads standard input')
      .requiredOption('--production <id>', 'the production the use belongs to')
      .option('--draft', 'save as a draft without submitting')
      .option('--idempotency-key <key>', 'retry-safe key: the same key and file never create two disclosures')
      .option('--json', 'print the disclosure as JSON'),
  ).action(async (file: string, options: SubmitOptions) => {
    const read = readYamlOrJson(file);
    if (!read.ok) throw new CliError(read.message, EXIT.INVALID_INPUT);
    const client = apiClient(options);
    const disclosure = await client.request<RemoteDisclosure>(
      'POST',
      `/api/productions/${encodeURIComponent(options.production)}/disclosures`,
      { disclosure: read.value, ...(options.draft ? { draft: true } : {}) },
      options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {},
    );
    process.stdout.write(
      options.json ? `${JSON.stringify(disclosure, null, 2)}\n` : `${formatDisclosureLine(disclosure)}\n`,
    );
  });
}
