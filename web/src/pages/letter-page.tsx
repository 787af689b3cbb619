import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { AnswerList } from '../disclosure/answer-list.js';
import { descriptionOf } from '../disclosure/describe.js';
import { formatDate } from '../lib/format.js';
import { Link, usePageTitle } from '../lib/router.js';
import { useAsync } from '../lib/use-async.js';
import { AsyncView } from '../ui/feedback.js';

/**
 * The written approval as a letter, laid out for print: the browser's "Save as PDF" makes the
 * PDF. The API does not render approval letters itself, so this page is the letter.
 */
export function LetterPage({ id }: { id: string }) {
  const { t } = useTranslation();
  usePageTitle(t('letter.title'));
  const data = useAsync(
    async () => ({ disclosure: await api.disclosure(id), productions: (await api.productions()).items }),
    [id],
  );
  return (
    <AsyncView state={data}>
      {({ disclosure, productions }) => {
        const approval = disclosure.approval;
        const production = productions.find((p) => p.id === disclosure.productionId);
        if (approval === null) return <p>{t('detail.noConditions')}</p>;
        return (
          <article className="letter">
            <p className="no-print">
              <Link href={`/disclosures/${disclosure.id}`}>{descriptionOf(disclosure)}</Link>{' '}
              <button type="button" onClick={() => window.print()}>
                {t('letter.print')}
              </button>
            </p>
            <h1>{t('letter.title')}</h1>
            <p>{t('letter.production', { title: production?.title ?? disclosure.productionId })}</p>
            <p>
              {t('letter.body', {
                revision: approval.revision,
                hash: disclosure.revision.inputHash.slice(0, 19),
                pack: disclosure.revision.pack,
              })}
            </p>
            <h2>{t('letter.scope')}</h2>
            <p>{descriptionOf(disclosure)}</p>
            <AnswerList disclosure={disclosure.revision.disclosure} />
            <h2>{t('letter.conditions')}</h2>
            {approval.conditions.length === 0 ? (
              <p>{t('detail.noConditions')}</p>
            ) : (
              <ol>
                {approval.conditions.map((c) => (
                  <li key={c.id}>
                    {c.text}
                    {c.dueDate && ` — ${t('detail.due', { date: formatDate(c.dueDate) })}`}
                  </li>
                ))}
              </ol>
            )}
            <p>
              {t('letter.issued', {
                date: formatDate(approval.issuedAt),
                approver: approval.approverId.slice(0, 8),
              })}
            </p>
            <p>
              {approval.expiresAt
                ? t('letter.expires', { date: formatDate(approval.expiresAt) })
                : t('letter.noExpiry')}
            </p>
          </article>
        );
      }}
    </AsyncView>
  );
}
