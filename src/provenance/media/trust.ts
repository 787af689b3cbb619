import { readFile } from 'node:fs/promises';

/**
 * Trust configuration for the C2PA reader. PEM files are trust anchors (a signer chaining to one
 * is `trusted`); a `.cfg` file is a list of allowed extended-key-usage OIDs, as in the interim
 * Content Credentials `store.cfg`. Paths come from `--trust` and `CLEARFRAME_C2PA_TRUST`.
 */
export type TrustSettings = {
  readonly anchorsPem: string;
  readonly ekuConfig: string | null;
  readonly sources: readonly string[];
};

export type TrustLoadResult =
  | { readonly ok: true; readonly trust: TrustSettings | null }
  | { readonly ok: false; readonly message: string };

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Splits `CLEARFRAME_C2PA_TRUST` like PATH: on the platform's delimiter (`:` here, `;` on Windows). */
export function trustPathsFromEnv(value: string | undefined, delimiter: string): string[] {
  return (value ?? '')
    .split(delimiter)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export async function loadTrust(paths: readonly string[]): Promise<TrustLoadResult> {
  if (paths.length === 0) return { ok: true, trust: null };
  const anchors: string[] = [];
  const eku: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      return {
        ok: false,
        message: `trust file ${path} cannot be read (${reason}); pass PEM anchor files or a .cfg EKU list`,
      };
    }
    if (path.toLowerCase().endsWith('.cfg')) {
      eku.push(text);
      continue;
    }
    const certificates = text.match(PEM_CERTIFICATE);
    if (certificates === null) {
      return {
        ok: false,
        message: `trust file ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----); pass PEM anchor files`,
      };
    }
    anchors.push(...certificates);
  }
  return {
    ok: true,
    trust: {
      anchorsPem: `${anchors.join('\n')}\n`,
      ekuConfig: eku.length > 0 ? eku.join('\n') : null,
      sources: [...paths],
    },
  };
}
