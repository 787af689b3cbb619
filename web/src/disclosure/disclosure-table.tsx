import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisclosureDto, ProductionDto } from '../api/types.js';
import { formatAgo } from '../lib/format.js';
import { Link } from '../lib/router.js';
import { OutcomeBadge, StateBadge } from '../ui/badges.js';
import { descriptionOf } from './describe.js';

/** Disclosures as a table: the use (a link), production, verdict, state, last change, and any extra column. */
export function DisclosureTable({
  items,
  productions,
  caption,
  extra,
}: {
  items: readonly DisclosureDto[];
  productions: readonly ProductionDto[];
  caption: string;
  extra?: { header: string; cell: (d: DisclosureDto) => ReactNode };
}) {
  const { t } = useTranslation();
  const title = (id: string) => productions.find((p) => p.id === id)?.title ?? id;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.description')}</th>
            <th scope="col">{t('table.production')}</th>
            <th scope="col">{t('table.outcome')}</th>
            <th scope="col">{t('table.state')}</th>
            <th scope="col">{t('table.updated')}</th>
            {extra && <th scope="col">{extra.header}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <Link href={`/disclosures/${d.id}`}>{descriptionOf(d)}</Link>
              </th>
              <td>{title(d.productionId)}</td>
              <td>
                <OutcomeBadge outcome={d.revision.outcome} />
              </td>
              <td>
                <StateBadge state={d.state} />
              </td>
              <td>{formatAgo(d.updatedAt)}</td>
              {extra && <td>{extra.cell(d)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
