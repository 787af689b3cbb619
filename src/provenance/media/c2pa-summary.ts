/**
 * What Clearframe keeps from a C2PA manifest store: enough to classify the asset and to show the
 * evidence (which manifest, which action or assertion), without the thumbnails and binary parts.
 */
export type Validation = 'trusted' | 'untrusted' | 'invalid' | 'none';

export type ActionSummary = {
  readonly action: string;
  readonly digitalSourceType: string | null;
  /** Vendor parameters that carry a source type, e.g. `com.adobe.digitalSourceType`. */
  readonly parameterSourceTypes: readonly { readonly key: string; readonly value: string }[];
  readonly softwareAgent: string | null;
  /** Assertion label the action came from (`c2pa.actions.v2`), for the evidence trail. */
  readonly assertion: string;
};

export type IngredientSummary = {
  readonly title: string | null;
  readonly format: string | null;
  readonly relationship: string | null;
  /** Label of the ingredient's own manifest in the store, when it brought one. */
  readonly manifest: string | null;
};

export type ManifestSummary = {
  readonly label: string;
  readonly isActive: boolean;
  readonly claimGenerator: string | null;
  readonly signer: string | null;
  readonly signerCommonName: string | null;
  readonly signedAt: string | null;
  readonly actions: readonly ActionSummary[];
  readonly ingredients: readonly IngredientSummary[];
};

export type C2paSummary = {
  readonly activeManifest: string | null;
  readonly claimGenerator: string | null;
  readonly signer: string | null;
  readonly validation: Exclude<Validation, 'none'>;
  /** The reader's own state: `Trusted`, `Valid` or `Invalid`. */
  readonly validationState: string;
  readonly failureCodes: readonly string[];
  readonly manifests: readonly ManifestSummary[];
};

export type C2paReadResult =
  | { readonly status: 'manifest'; readonly summary: C2paSummary }
  | { readonly status: 'none' }
  | { readonly status: 'too-large'; readonly bytes: number; readonly limit: number }
  | { readonly status: 'error'; readonly message: string };

/** `Trusted` -> trusted; `Valid` (intact, signer on no configured list) -> untrusted; anything else -> invalid. */
export function validationFromState(state: string): Exclude<Validation, 'none'> {
  if (state === 'Trusted') return 'trusted';
  if (state === 'Valid') return 'untrusted';
  return 'invalid';
}

/** Turns the reader's manifest store JSON (untyped) into a summary, reading only fields it checks. */
export function summariseManifestStore(store: unknown): C2paSummary {
  const root = asRecord(store);
  const active = asString(root['active_manifest']);
  const manifests = Object.entries(asRecord(root['manifests'])).map(([label, value]) =>
    summariseManifest(label, asRecord(value), label === active),
  );
  const activeSummary = manifests.find((manifest) => manifest.isActive) ?? null;
  const results = asRecord(asRecord(root['validation_results'])['activeManifest']);
  const failureCodes = asArray(results['failure'])
    .map((entry) => asString(asRecord(entry)['code']))
    .filter((code): code is string => code !== null);
  const state = asString(root['validation_state']) ?? 'Invalid';
  return {
    activeManifest: active,
    claimGenerator: activeSummary?.claimGenerator ?? null,
    signer: activeSummary?.signer ?? null,
    validation: validationFromState(state),
    validationState: state,
    failureCodes,
    manifests,
  };
}

function summariseManifest(
  label: string,
  manifest: Record<string, unknown>,
  isActive: boolean,
): ManifestSummary {
  const signature = asRecord(manifest['signature_info']);
  return {
    label,
    isActive,
    claimGenerator: claimGenerator(manifest),
    signer: asString(signature['issuer']),
    signerCommonName: asString(signature['common_name']),
    signedAt: asString(signature['time']),
    actions: asArray(manifest['assertions']).flatMap((assertion) => actionsOf(asRecord(assertion))),
    ingredients: asArray(manifest['ingredients']).map((entry) => {
      const ingredient = asRecord(entry);
      return {
        title: asString(ingredient['title']),
        format: asString(ingredient['format']),
        relationship: asString(ingredient['relationship']),
        manifest: asString(ingredient['active_manifest']),
      };
    }),
  };
}

/** Claim v1 has a `claim_generator` string; claim v2 only `claim_generator_info` entries (name + version). */
function claimGenerator(manifest: Record<string, unknown>): string | null {
  const direct = asString(manifest['claim_generator']);
  if (direct !== null) return direct;
  const info = asRecord(asArray(manifest['claim_generator_info'])[0]);
  const name = asString(info['name']);
  const version = asString(info['version']);
  if (name === null) return null;
  return version === null ? name : `${name}/${version}`;
}

function actionsOf(assertion: Record<string, unknown>): ActionSummary[] {
  const label = asString(assertion['label']) ?? '';
  if (!/^c2pa\.actions(\.v\d+)?$/.test(label)) return [];
  return asArray(asRecord(assertion['data'])['actions']).map((entry) => {
    const action = asRecord(entry);
    const parameters = asRecord(action['parameters']);
    const parameterSourceTypes = Object.entries(parameters)
      .filter(([key, value]) => /digitalsourcetype$/i.test(key) && typeof value === 'string')
      .map(([key, value]) => ({ key, value: String(value) }));
    const agent = action['softwareAgent'];
    return {
      action: asString(action['action']) ?? '',
      digitalSourceType: asString(action['digitalSourceType']),
      parameterSourceTypes,
      softwareAgent: typeof agent === 'string' ? agent : asString(asRecord(agent)['name']),
      assertion: label,
    };
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
