import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { DisclosureDto, DisclosureState, ProductionDto } from '../api/types.js';
import { descriptionOf } from '../disclosure/describe.js';
import { DisclosureTable } from '../disclosure/disclosure-table.js';
import { formatDate, formatNumber } from '../lib/format.js';
import { Link, usePageTitle } from '../lib/router.js';
import { useAsync } from '../lib/use-async.js';
import { AsyncView } from '../ui/feedback.js';

type Need = { key: string; href: string; text: string };

/** What waits on the partner: information the studio asked for, blocked uses, open conditions. */
function needsOf(items: readonly DisclosureDto[], t: ReturnType<typeof useTranslation>['t']): Need[] {
  const needs: Need[] = [];
  for (const d of items) {
    const href = `/disclosures/${d.id}`;
    if (d.state === 'info_requested')
      needs.push({
        key: `${d.id}-info`,
        href,
        text: t('home.infoRequested', { description: descriptionOf(d) }),
      });
    if (d.state === 'blocked')
      needs.push({
        key: `${d.id}-blocked`,
        href,
        text: t('home.blocked', { description: descriptionOf(d) }),
      });
    if (d.approval?.status === 'active') {
      for (const c of d.approval.conditions) {
        if (c.status !== 'open') continue;
        needs.push({
          key: c.id,
          href,
          text: c.dueDate
            ? t('home.conditionDue', { text: c.text, date: formatDate(c.dueDate) })
            : t('home.conditionOpen', { text: c.text }),
        });
      }
    }
  }
  return needs;
}

export function PartnerHome() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const data = useAsync(
    async () => ({
      productions: (await api.productions()).items,
      disclosures: (await api.disclosures()).items,
    }),
    [],
  );
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p>
        <Link className="button" href="/disclose">
          {t('home.disclose')}
        </Link>
      </p>
      <AsyncView state={data}>
        {({ productions, disclosures }) => (
          <HomeContent productions={productions} disclosures={disclosures} />
        )}
      </AsyncView>
    </>
  );
}

function HomeContent({
  productions,
  disclosures,
}: {
  productions: readonly ProductionDto[];
  disclosures: readonly DisclosureDto[];
}) {
  const { t } = useTranslation();
  const needs = needsOf(disclosures, t);
  const byState = new Map<DisclosureState, number>();
  for (const d of disclosures) byState.set(d.state, (byState.get(d.state) ?? 0) + 1);
  return (
    <div className="grid">
      <section aria-labelledby="needs-heading" className="card">
        <h2 id="needs-heading">{t('home.needsMe')}</h2>
        {needs.length === 0 ? (
          <p>{t('home.nothingNeeded')}</p>
        ) : (
          <ul>
            {needs.map((n) => (
              <li key={n.key}>
                <Link href={n.href}>{n.text}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="productions-heading" className="card">
        <h2 id="productions-heading">{t('home.productions')}</h2>
        <ul>
          {productions.map((p) => (
            <li key={p.id}>
              <strong>{p.title}</strong> — {t(`vocab.format.${p.format as 'other'}`)} (
              {formatNumber(disclosures.filter((d) => d.productionId === p.id).length)})
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="states-heading" className="card">
        <h2 id="states-heading">{t('home.byState')}</h2>
        <ul>
          {[...byState].map(([state, n]) => (
            <li key={state}>
              {t(`state.${state}`)}: {formatNumber(n)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="recent-heading" className="wide">
        <h2 id="recent-heading">{t('home.recent')}</h2>
        {disclosures.length === 0 ? (
          <p>{t('home.none')}</p>
        ) : (
          <DisclosureTable items={disclosures} productions={productions} caption={t('home.recent')} />
        )}
      </section>
    </div>
  );
}
