import { useTranslation } from 'react-i18next';
import { pathLabel, valueLabel } from '../verdict/path-label.js';
import { flatten, type Row } from './flatten.js';

/** A disclosure's answers as a definition list, each labelled with the question that asked it. */
export function AnswerList({ disclosure }: { disclosure: unknown }) {
  const { t } = useTranslation();
  return (
    <dl className="answers">
      {inQuestionOrder(flatten(disclosure)).map((row) => (
        <div key={row.path}>
          <dt>{pathLabel(t, row.path)}</dt>
          <dd>
            {row.value === ''
              ? LISTS.has(row.path)
                ? t('detail.none')
                : t('detail.empty')
              : valueLabel(t, row.path, row.value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Lists: empty means "none", not "not answered" (disclosure-format.md "Lists left out are empty"). */
const LISTS = new Set([
  'media',
  'inputs',
  'talent',
  'prompts.references',
  'realism.depicts',
  'training.data',
]);

/** The order the wizard asks in, whatever order the stored JSON keeps its keys in. */
const ORDER = [
  'production',
  'phase',
  'description',
  'media',
  'tools',
  'inputs',
  'training',
  'output',
  'prompts',
  'talent',
  'realism',
  'principles',
];

function inQuestionOrder(rows: readonly Row[]): Row[] {
  const rank = (path: string) => {
    const i = ORDER.findIndex((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
    return i === -1 ? ORDER.length : i;
  };
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => rank(a.row.path) - rank(b.row.path) || a.i - b.i)
    .map((x) => x.row);
}
