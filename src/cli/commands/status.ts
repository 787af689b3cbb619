import type { Command } from 'commander';
import { addApiOptions, apiClient } from '../api-client.js';

/** The fields of the API's Disclosure the CLI prints. */
export type RemoteDisclosure = {
  id: string;
  state: string;
  productionId: string;
  revision: {
    number: number;
    outcome: string;
    pack: string;
    verdict?: { findings?: { rule: string; reason: string }[] };
  };
  approval: { status: string; conditions: { text: string; status: string }[] } | null;
  allowedMoves: string[];
};

export function formatDisclosureLine(d: RemoteDisclosure): string {
  const lines = [
    `${d.id}  ${d.state}  (verdict: ${d.revision.outcome}, revision ${d.revision.number}, ${d.revision.pack})`,
  ];
  for (const finding of d.revision.verdict?.findings ?? [])
    lines.push(`  ${finding.rule}: ${finding.reason}`);
  if (d.approval) {
    lines.push(`  approval: ${d.approval.status}`);
    for (const c of d.approval.conditions) lines.push(`    [${c.status === 'done' ? 'x' : ' '}] ${c.text}`);
  }
  if (d.allowedMoves.length > 0) lines.push(`  next: ${d.allowedMoves.join(', ')}`);
  return lines.join('\n');
}

type StatusOptions = { url?: string; token?: string; json?: boolean; production?: string };

/** `clearframe status [ID]`: one disclosure in detail, or every disclosure you can see. */
export function registerStatus(program: Command): void {
  addApiOptions(
    program
      .command('status')
      .description('Show a disclosure (or list yours) on a Clearframe server')
      .argument('[id]', 'disclosure id; without it, list disclosures')
      .option('--production <id>', 'list only this production')
      .option('--json', 'print JSON'),
  ).action(async (id: string | undefined, options: StatusOptions) => {
    const client = apiClient(options);
    if (id !== undefined) {
      const disclosure = await client.request<RemoteDisclosure>(
        'GET',
        `/api/disclosures/${encodeURIComponent(id)}`,
      );
      process.stdout.write(
        options.json ? `${JSON.stringify(disclosure, null, 2)}\n` : `${formatDisclosureLine(disclosure)}\n`,
      );
      return;
    }
    const query = options.production ? `?productionId=${encodeURIComponent(options.production)}` : '';
    const { items } = await client.request<{ items: RemoteDisclosure[] }>('GET', `/api/disclosures${query}`);
    if (options.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
    else if (items.length === 0) process.stdout.write('No disclosures.\n');
    else
      for (const d of items) process.stdout.write(`${d.id}  ${d.state.padEnd(24)} ${d.revision.outcome}\n`);
  });
}
