import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevisionDto } from '../api/types.js';
import { OutcomeBadge } from '../ui/badges.js';
import { SelectField } from '../ui/fields.js';
import { pathLabel, valueLabel } from '../verdict/path-label.js';
import { diffDisclosures } from './flatten.js';

/** What changed between two revisions of a disclosure, question by question, with each verdict. */
export function RevisionDiff({ revisions }: { revisions: readonly RevisionDto[] }) {
  const { t } = useTranslation();
  const numbers = revisions.map((r) => String(r.number));
  const [from, setFrom] = useState(numbers.at(-2) ?? '1');
  const [to, setTo] = useState(numbers.at(-1) ?? '1');
  if (revisions.length < 2) return <p>{t('detail.onlyOne')}</p>;
  const before = revisions.find((r) => String(r.number) === from);
  const after = revisions.find((r) => String(r.number) === to);
  const changes = before && after ? diffDisclosures(before.disclosure, after.disclosure) : [];
  const label = (n: string) => {
    const r = revisions.find((x) => String(x.number) === n);
    return `${t('detail.revision', { n })}${r ? ` (${t(`outcome.${r.outcome}`)})` : ''}`;
  };
  return (
    <>
      <div className="filters">
        <SelectField
          label={t('detail.diffFrom')}
          options={numbers}
          value={from}
          onChange={setFrom}
          labelOf={label}
        />
        <SelectField
          label={t('detail.diffTo')}
          options={numbers}
          value={to}
          onChange={setTo}
          labelOf={label}
        />
      </div>
      {before && after && (
        <p>
          <OutcomeBadge outcome={before.outcome} /> → <OutcomeBadge outcome={after.outcome} />
        </p>
      )}
      {changes.length === 0 ? (
        <p>{t('detail.noDiff')}</p>
      ) : (
        <div className="table-scroll">
          <table className="diff">
            <caption className="visually-hidden">{t('detail.diff')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('detail.field')}</th>
                <th scope="col">{t('detail.before')}</th>
                <th scope="col">{t('detail.after')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.path}>
                  <th scope="row">{pathLabel(t, c.path)}</th>
                  <td>
                    <del>{c.before === '' ? t('detail.empty') : valueLabel(t, c.path, c.before)}</del>
                  </td>
                  <td>
                    <ins>{c.after === '' ? t('detail.empty') : valueLabel(t, c.path, c.after)}</ins>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
