import type { Command } from 'commander';
import { Option } from 'commander';
import { isAllowed } from '../../domain/permissions.js';
import { isRole } from '../../domain/roles.js';
import type { ScanItem } from '../../provenance/scan/report-types.js';
import { scan } from '../../provenance/scan/scan.js';
import type { AssetView } from '../../services/assets/asset-view.js';
import { MAX_ASSETS_PER_REQUEST } from '../../services/assets/limits.js';
import { type ApiClient, addApiOptions, apiClient } from '../api-client.js';
import { registrationFor } from '../asset-registration.js';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';
import { createProgress } from '../scan-progress.js';
import { addTrustOption, trustFromOption } from '../trust-option.js';

type RegisterOptions = {
  production: string;
  disclosure: string;
  temporary?: boolean;
  final?: boolean;
  json?: boolean;
  url?: string;
  token?: string;
  trust: string[];
};

type Registered = { readonly asset: AssetView; readonly item: ScanItem };

/**
 * `clearframe assets register FILE... --production ID --disclosure ID [--temporary|--final]`:
 * hashes the files on this machine (they never leave it), reads their C2PA and XMP provenance
 * like `scan`, and registers them on the server as AI-generated assets of the production, linked
 * to the disclosure that covers them (POST /api/productions/:id/assets). Final use is the default.
 *  - Checked before any hashing: the token's role may register assets (the permission table the
 *    server enforces), the production is visible, the disclosure belongs to it.
 *  - A file already registered with the same disclosure and use is reported and skipped, so a
 *    run can be repeated; one registered otherwise refuses the run, naming the asset to link.
 *  - An unreadable file refuses the run before anything is sent. Files with the same content are
 *    registered once. Over 500 files go in batches of 500, each all or nothing.
 * Exit 0 registered (or all already were), 2 refused input or permission, 1 server failure.
 */
export function registerAssets(program: Command): void {
  const assets = program.command('assets').description("A production's register of AI-generated assets");
  addApiOptions(
    addTrustOption(
      assets
        .command('register')
        .description('Register AI-generated files on a production, linked to the disclosure that covers them')
        .argument('<files...>', 'media files, or folders (their media files)')
        .requiredOption('--production <id>', 'the production the files belong to')
        .requiredOption('--disclosure <id>', 'the disclosure of that production that covers them')
        .addOption(
          new Option('--temporary', 'temporary material, not for the final deliverable').conflicts('final'),
        )
        .addOption(
          new Option('--final', 'material in the final deliverable (the default)').conflicts('temporary'),
        )
        .option('--json', 'print the registered assets as JSON'),
    ),
  ).action(async (files: string[], options: RegisterOptions) => {
    const client = apiClient(options);
    const usage = options.temporary === true ? 'temporary' : 'final';
    const existing = await preflight(client, options.production, options.disclosure);
    const trust = await trustFromOption(options.trust);

    const progress = createProgress();
    let items: readonly ScanItem[];
    try {
      items = (await scan({ paths: files, trust, onProgress: progress.update })).items;
    } finally {
      progress.stop();
    }
    const toRegister = plan(items, existing, { usage, disclosureId: options.disclosure });

    const registered: Registered[] = [];
    const entries = toRegister.map((item) =>
      registrationFor(item, { usage, disclosureId: options.disclosure }),
    );
    for (let start = 0; start < entries.length; start += MAX_ASSETS_PER_REQUEST) {
      try {
        const { items: batch } = await client.request<{ items: AssetView[] }>(
          'POST',
          `/api/productions/${encodeURIComponent(options.production)}/assets`,
          { assets: entries.slice(start, start + MAX_ASSETS_PER_REQUEST) },
        );
        batch.forEach((asset, index) => {
          registered.push({ asset, item: toRegister[start + index] as ScanItem });
        });
      } catch (error) {
        if (!(error instanceof CliError) || registered.length === 0) throw error;
        throw new CliError(
          `${error.message}\n${registered.length} of ${entries.length} files were registered before this batch was refused; run the command again to register the rest.`,
          error.exitCode,
        );
      }
    }

    if (options.json === true) {
      process.stdout.write(
        `${JSON.stringify(
          registered.map((r) => r.asset),
          null,
          2,
        )}\n`,
      );
    } else if (registered.length === 0) {
      process.stdout.write('Nothing to register: every file is already registered.\n');
    } else {
      process.stdout.write(
        `Registered ${registered.length} asset(s) on production ${options.production}, linked to disclosure ${options.disclosure} (${usage}):\n`,
      );
      for (const { asset, item } of registered)
        process.stdout.write(
          `  ${asset.id}  ${item.class.padEnd(12)}  ${asset.fileName}  sha256 ${asset.sha256.slice(0, 12)}\n`,
        );
    }
    for (const { item } of registered) {
      if (item.class === 'unknown' || item.class === 'no-ai-signal')
        process.stderr.write(
          `clearframe: ${item.path}: no AI signal in the file itself (${item.class}); registered on your statement\n`,
        );
    }
  });
}

type RemoteAsset = Pick<AssetView, 'id' | 'sha256' | 'fileName' | 'usage' | 'disclosureId'>;

/** Fails in a second, before any hashing, on a token, production or disclosure that will not do. */
async function preflight(
  client: ApiClient,
  productionId: string,
  disclosureId: string,
): Promise<RemoteAsset[]> {
  const { user } = await client.request<{ user: { role: string } }>('GET', '/api/auth/me');
  if (!isRole(user.role) || !isAllowed(user.role, 'asset.register')) {
    throw new CliError(
      `your role (${user.role}) may not register assets (asset.register); ask a partner member of the production`,
      EXIT.INVALID_INPUT,
    );
  }
  const { items } = await client.request<{ items: RemoteAsset[] }>(
    'GET',
    `/api/productions/${encodeURIComponent(productionId)}/assets`,
  );
  const disclosure = await client.request<{ productionId: string }>(
    'GET',
    `/api/disclosures/${encodeURIComponent(disclosureId)}`,
  );
  if (disclosure.productionId !== productionId) {
    throw new CliError(
      `--disclosure ${disclosureId} belongs to production ${disclosure.productionId}, not ${productionId}; an approval covers only its own production's material`,
      EXIT.INVALID_INPUT,
    );
  }
  return items;
}

/**
 * The scanned files to send: readable, each content once, not already registered. Refuses the
 * whole run (nothing sent) on an unreadable file or on one registered under another disclosure
 * or use, which is a link to move (POST /api/assets/:id/disclosure), not a new asset.
 */
function plan(
  items: readonly ScanItem[],
  existing: readonly RemoteAsset[],
  link: { readonly usage: string; readonly disclosureId: string },
): (ScanItem & { sha256: string })[] {
  const unreadable = items.filter((item) => item.sha256 === null);
  if (unreadable.length > 0) {
    const lines = unreadable.map(
      (item) => `  - ${item.path}: ${item.findings.map((f) => f.message).join('; ')}`,
    );
    throw new CliError(
      `nothing registered: ${unreadable.length} file(s) could not be read\n${lines.join('\n')}`,
      EXIT.INVALID_INPUT,
    );
  }
  if (items.length === 0) throw new CliError('nothing registered: no media files found', EXIT.INVALID_INPUT);
  const registered = new Map(existing.map((asset) => [asset.sha256, asset]));
  const seen = new Map<string, string>();
  const fresh: (ScanItem & { sha256: string })[] = [];
  const conflicts: string[] = [];
  for (const item of items) {
    const sha256 = item.sha256 as string;
    const first = seen.get(sha256);
    if (first !== undefined) {
      process.stderr.write(`clearframe: ${item.path} has the same content as ${first}; registered once\n`);
      continue;
    }
    seen.set(sha256, item.path);
    const asset = registered.get(sha256);
    if (asset === undefined) fresh.push({ ...item, sha256 });
    else if (asset.disclosureId === link.disclosureId && asset.usage === link.usage)
      process.stderr.write(`clearframe: ${item.path} is already registered as asset ${asset.id}; skipped\n`);
    else conflicts.push(`  - ${item.path}: asset ${asset.id}, ${mismatch(asset, link)}`);
  }
  if (conflicts.length > 0) {
    throw new CliError(
      `nothing registered: ${conflicts.length} file(s) are already registered on this production otherwise\n${conflicts.join('\n')}`,
      EXIT.INVALID_INPUT,
    );
  }
  return fresh;
}

function mismatch(
  asset: RemoteAsset,
  link: { readonly usage: string; readonly disclosureId: string },
): string {
  if (asset.disclosureId !== link.disclosureId)
    return `linked to disclosure ${asset.disclosureId ?? '(none)'}; to cover it with ${link.disclosureId} instead, POST /api/assets/${asset.id}/disclosure`;
  return `registered as ${asset.usage}, not ${link.usage}; an asset's use cannot be changed once registered`;
}
