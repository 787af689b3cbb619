import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { ProductionDto } from '../api/types.js';
import { usePageTitle } from '../lib/router.js';
import { useAsync } from '../lib/use-async.js';
import { type PartyOptions, ProductionForm } from '../productions/production-form.js';
import { AsyncView } from '../ui/feedback.js';

type Loaded = { productions: ProductionDto[]; options: PartyOptions };

/** The studio's productions and who can be named on them (studio admins only). */
async function load(): Promise<Loaded> {
  const [productions, organisations, users] = await Promise.all([
    api.productions(),
    api.organisations(),
    api.users(),
  ]);
  return {
    productions: productions.items,
    options: {
      partners: organisations.items.filter((o) => o.kind === 'partner'),
      vendors: organisations.items.filter((o) => o.kind === 'vendor'),
      contacts: users.items.filter((u) => u.role === 'studio_contact' && u.active),
    },
  };
}

export function ProductionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('productions.title'));
  const data = useAsync(load, []);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const saved = (text: string) => {
    setMessage(text);
    setEditing(null);
    data.reload();
  };
  return (
    <>
      <h1>{t('productions.title')}</h1>
      <p>{t('productions.intro')}</p>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <AsyncView state={data}>
        {({ productions, options }) => {
          const nameOf = new Map([...options.partners, ...options.vendors].map((o) => [o.id, o.name]));
          const contactOf = new Map(options.contacts.map((u) => [u.id, u.name]));
          const edited = productions.find((p) => p.id === editing);
          return (
            <>
              <section className="card" aria-labelledby="new-production-heading">
                <h2 id="new-production-heading">{t('productions.new')}</h2>
                <ProductionForm
                  options={options}
                  onSaved={(p) => saved(t('productions.created', { title: p.title }))}
                />
              </section>
              <h2>{t('productions.list')}</h2>
              {productions.length === 0 ? (
                <p>{t('productions.none')}</p>
              ) : (
                <div className="table-scroll">
                  <table>
                    <caption className="visually-hidden">{t('productions.list')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('productions.titleLabel')}</th>
                        <th scope="col">{t('productions.format')}</th>
                        <th scope="col">{t('productions.partner')}</th>
                        <th scope="col">{t('productions.vendors')}</th>
                        <th scope="col">{t('productions.contacts')}</th>
                        <th scope="col">{t('productions.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {productions.map((p) => (
                        <tr key={p.id}>
                          <th scope="row">{p.title}</th>
                          <td>{t(`vocab.format.${p.format as 'other'}`, { defaultValue: p.format })}</td>
                          <td>{nameOf.get(p.partnerOrgId) ?? p.partnerOrgId}</td>
                          <td>{p.vendorOrgIds.map((id) => nameOf.get(id) ?? id).join(', ') || '—'}</td>
                          <td>
                            {p.contactIds.map((id) => contactOf.get(id) ?? id).join(', ') ||
                              t('productions.allContacts')}
                          </td>
                          <td>
                            <button
                              type="button"
                              className="secondary"
                              aria-label={t('productions.editNamed', { title: p.title })}
                              onClick={() => {
                                setMessage(null);
                                setEditing(p.id);
                              }}
                            >
                              {t('productions.edit')}
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {edited && (
                <section className="card" aria-labelledby="edit-production-heading">
                  <h2 id="edit-production-heading">{t('productions.editNamed', { title: edited.title })}</h2>
                  <ProductionForm
                    key={edited.id}
                    options={options}
                    production={edited}
                    onSaved={(p) => saved(t('productions.saved', { title: p.title }))}
                    onFailed={data.reload}
                    onCancel={() => setEditing(null)}
                  />
                </section>
              )}
            </>
          );
        }}
      </AsyncView>
    </>
  );
}
