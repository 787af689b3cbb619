import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCTION_FORMATS, type ProductionFormat } from '../../../src/policy/vocabulary.js';
import { ApiError, api } from '../api/client.js';
import type { OrganisationDto, ProductionDto, UserSummaryDto } from '../api/types.js';
import { CheckboxGroup, SelectField, TextField } from '../ui/fields.js';

/** Who a studio admin can name on a production. */
export type PartyOptions = {
  readonly partners: readonly OrganisationDto[];
  readonly vendors: readonly OrganisationDto[];
  /** Active studio contacts of the admin's studio. */
  readonly contacts: readonly UserSummaryDto[];
};

type Draft = {
  title: string;
  format: ProductionFormat | undefined;
  partnerOrgId: string | undefined;
  vendorOrgIds: string[];
  contactIds: string[];
};

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * Saves an edit as the API takes it: title and format, then vendors, then contacts, each
 * only if changed and each under the ETag the previous answer gave, so a concurrent change
 * by another admin stops the save with 412 instead of being overwritten.
 */
async function saveEdit(production: ProductionDto, draft: Draft): Promise<ProductionDto> {
  let current = production;
  const patch = {
    ...(draft.title.trim() !== current.title ? { title: draft.title.trim() } : {}),
    ...(draft.format !== undefined && draft.format !== current.format ? { format: draft.format } : {}),
  };
  if (Object.keys(patch).length > 0) current = await api.updateProduction(current.id, patch, current.version);
  if (!sameSet(draft.vendorOrgIds, current.vendorOrgIds)) {
    current = await api.setProductionVendors(current.id, draft.vendorOrgIds, current.version);
  }
  if (!sameSet(draft.contactIds, current.contactIds)) {
    current = await api.setProductionContacts(current.id, draft.contactIds, current.version);
  }
  return current;
}

/** The server's message, and each field it named (details.issues) on its own line. */
function describeError(error: unknown): { message: string; issues: string[] } {
  if (!(error instanceof ApiError)) return { message: String(error), issues: [] };
  const raw = error.details['issues'];
  const issues = Array.isArray(raw)
    ? raw.map((i: { path?: unknown; message?: unknown }) => `${String(i.path)}: ${String(i.message)}`)
    : [];
  return { message: error.message, issues };
}

/**
 * Creates a production, or with `production` edits one (its partner is fixed once created).
 * When a save fails, `onFailed` lets the page re-read the production: the draft stays, the
 * error shows, and a retry goes against the version just read.
 */
export function ProductionForm({
  options,
  production,
  onSaved,
  onFailed,
  onCancel,
}: {
  options: PartyOptions;
  production?: ProductionDto | undefined;
  onSaved: (saved: ProductionDto) => void;
  onFailed?: (() => void) | undefined;
  onCancel?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const editing = production !== undefined;
  const [draft, setDraft] = useState<Draft>(() => ({
    title: production?.title ?? '',
    format: PRODUCTION_FORMATS.find((f) => f === production?.format),
    partnerOrgId: production?.partnerOrgId,
    vendorOrgIds: [...(production?.vendorOrgIds ?? [])],
    contactIds: [...(production?.contactIds ?? [])],
  }));
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<{ message: string; issues: string[] } | null>(null);
  const change = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const nameOf = new Map([...options.partners, ...options.vendors].map((o) => [o.id, o.name] as const));
  const contactName = new Map(options.contacts.map((u) => [u.id, `${u.name} (${u.email})`] as const));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (draft.format === undefined || (!editing && draft.partnerOrgId === undefined)) {
      setError({ message: t('productions.incomplete'), issues: [] });
      return;
    }
    setWorking(true);
    setError(null);
    try {
      const saved = editing
        ? await saveEdit(production, draft)
        : await api.createProduction(
            {
              title: draft.title.trim(),
              format: draft.format,
              partnerOrgId: draft.partnerOrgId ?? '',
              vendorOrgIds: draft.vendorOrgIds,
              contactIds: draft.contactIds,
            },
            key,
          );
      if (!editing) {
        setDraft({ title: '', format: undefined, partnerOrgId: undefined, vendorOrgIds: [], contactIds: [] });
        setKey(crypto.randomUUID());
      }
      onSaved(saved);
    } catch (e) {
      setError(describeError(e));
      onFailed?.();
    } finally {
      setWorking(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
      <TextField
        label={t('productions.titleLabel')}
        value={draft.title}
        onChange={(title) => change({ title })}
        required
      />
      <SelectField
        label={t('productions.format')}
        options={PRODUCTION_FORMATS}
        value={draft.format}
        onChange={(format) => change({ format })}
        labelOf={(f) => t(`vocab.format.${f}`)}
        placeholder={t('productions.choose')}
      />
      {editing ? (
        <p>
          {t('productions.partner')}: {nameOf.get(production.partnerOrgId) ?? production.partnerOrgId}
        </p>
      ) : (
        <SelectField
          label={t('productions.partner')}
          help={t('productions.partnerHelp')}
          options={options.partners.map((o) => o.id)}
          value={draft.partnerOrgId}
          onChange={(partnerOrgId) => change({ partnerOrgId })}
          labelOf={(id) => nameOf.get(id) ?? id}
          placeholder={t('productions.choose')}
        />
      )}
      {options.vendors.length === 0 ? (
        <p className="muted">{t('productions.noVendors')}</p>
      ) : (
        <CheckboxGroup
          legend={t('productions.vendors')}
          help={t('productions.vendorsHelp')}
          options={options.vendors.map((o) => o.id)}
          value={draft.vendorOrgIds}
          onChange={(vendorOrgIds) => change({ vendorOrgIds })}
          labelOf={(id) => nameOf.get(id) ?? id}
        />
      )}
      {options.contacts.length === 0 ? (
        <p className="muted">{t('productions.noContacts')}</p>
      ) : (
        <CheckboxGroup
          legend={t('productions.contacts')}
          help={t('productions.contactsHelp')}
          options={options.contacts.map((u) => u.id)}
          value={draft.contactIds}
          onChange={(contactIds) => change({ contactIds })}
          labelOf={(id) => contactName.get(id) ?? id}
        />
      )}
      {error && (
        <div className="error" role="alert">
          <p>{error.message}</p>
          {error.issues.length > 0 && (
            <ul>
              {error.issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="actions">
        <button type="submit" disabled={working}>
          {editing ? t('productions.save') : t('productions.create')}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('productions.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
