import { useTranslation } from 'react-i18next';
import type { CommentDto, DisclosureDto, LedgerVerificationDto, RevisionDto } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';

type Event = { at: string; text: string; who?: string };

/**
 * The disclosure's story from what the API returns: revisions, the approval, conditions done
 * and comments, in time order. The ledger's own events are not exposed per disclosure, so the
 * ledger is shown by its verification status beside this.
 */
export function History({
  disclosure,
  revisions,
  comments,
  ledger,
  nameOf,
}: {
  disclosure: DisclosureDto;
  revisions: readonly RevisionDto[];
  comments: readonly CommentDto[];
  ledger: LedgerVerificationDto | null;
  nameOf: (userId: string) => string;
}) {
  const { t } = useTranslation();
  const events: Event[] = revisions.map((r) => ({
    at: r.createdAt,
    text: r.number === 1 ? t('event.created') : t('event.revised', { n: r.number }),
    who: nameOf(r.createdBy),
  }));
  const approval = disclosure.approval;
  if (approval) {
    events.push({ at: approval.issuedAt, text: t('event.approved'), who: nameOf(approval.approverId) });
    for (const c of approval.conditions) {
      if (c.completedAt)
        events.push({
          at: c.completedAt,
          text: t('event.conditionDone', { text: c.text }),
          ...(c.completedBy ? { who: nameOf(c.completedBy) } : {}),
        });
    }
  }
  for (const c of comments)
    events.push({ at: c.createdAt, text: `${t('event.comment')}: ${c.body}`, who: nameOf(c.authorId) });
  events.push({
    at: disclosure.updatedAt,
    text: t('event.current', { state: t(`state.${disclosure.state}`) }),
  });
  events.sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section aria-labelledby="history-heading" className="card">
      <h2 id="history-heading">{t('detail.history')}</h2>
      <p className="muted small">{t('detail.historyNote')}</p>
      <ol className="timeline">
        {events.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: events are derived and ordered; two may share a time.
          <li key={i}>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> — {e.text}
            {e.who && <span className="muted"> ({e.who})</span>}
          </li>
        ))}
      </ol>
      <h3>{t('detail.ledger')}</h3>
      {ledger === null ? (
        <p className="muted">{t('detail.ledgerUnavailable')}</p>
      ) : ledger.ok ? (
        <p className="ok" data-testid="ledger-status">
          {t('detail.ledgerOk', { events: ledger.events })}
        </p>
      ) : (
        <p className="error" data-testid="ledger-status">
          {t('detail.ledgerBroken', { eventId: ledger.eventId ?? '?', reason: ledger.reason ?? '' })}
        </p>
      )}
    </section>
  );
}
