import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type {
  CommentDto,
  DisclosureDto,
  LedgerVerificationDto,
  ProductionDto,
  RevisionDto,
  UserDto,
} from '../api/types.js';
import { AnswerList } from '../disclosure/answer-list.js';
import { ApprovalSection } from '../disclosure/approval-section.js';
import { Comments } from '../disclosure/comments.js';
import { DecisionForm } from '../disclosure/decision-form.js';
import { descriptionOf } from '../disclosure/describe.js';
import { History } from '../disclosure/history.js';
import { RevisionDiff } from '../disclosure/revision-diff.js';
import { formatDate } from '../lib/format.js';
import { can } from '../lib/roles.js';
import { Link, useLocation, usePageTitle } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { useAsync } from '../lib/use-async.js';
import { OutcomeBadge, StateBadge } from '../ui/badges.js';
import { AsyncView } from '../ui/feedback.js';
import { asVerdict } from '../verdict/as-verdict.js';
import { VerdictView } from '../verdict/verdict-view.js';

type Loaded = {
  disclosure: DisclosureDto;
  revisions: RevisionDto[];
  comments: CommentDto[];
  productions: ProductionDto[];
  ledger: LedgerVerificationDto | null;
};

async function load(id: string, user: UserDto): Promise<Loaded> {
  const [disclosure, revisions, comments, productions, ledger] = await Promise.all([
    api.disclosure(id),
    api.revisions(id),
    api.comments(id),
    api.productions(),
    can(user, 'audit.verify') ? api.verifyLedger() : Promise.resolve(null),
  ]);
  return {
    disclosure,
    revisions: revisions.items,
    comments: comments.items,
    productions: productions.items,
    ledger,
  };
}

export function DisclosurePage({ id }: { id: string }) {
  const { user } = useSession();
  const data = useAsync(() => load(id, user), [id, user]);
  return <AsyncView state={data}>{(d) => <Detail loaded={d} user={user} reload={data.reload} />}</AsyncView>;
}

function Detail({ loaded, user, reload }: { loaded: Loaded; user: UserDto; reload: () => void }) {
  const { t } = useTranslation();
  const { query } = useLocation();
  const disclosure = loaded.disclosure;
  const [message, setMessage] = useState<string | null>(
    query.get('submitted') ? t('wizard.submitted') : null,
  );
  const description = descriptionOf(disclosure);
  usePageTitle(description);
  const verdict = asVerdict(disclosure.revision.verdict);
  const production = loaded.productions.find((p) => p.id === disclosure.productionId);
  const nameOf = (userId: string) =>
    userId === user.id ? t('detail.you') : t('detail.someone', { id: userId.slice(0, 8) });
  // Every change reloads the whole page's data: a decision also changes revisions, the
  // approval and the history, and the server's answer is the only truth about them.
  const changed = (text: string) => {
    setMessage(text);
    reload();
  };
  const mayRevise =
    can(user, 'disclosure.revise') &&
    (disclosure.allowedMoves.includes('revise') || disclosure.allowedMoves.includes('amend'));
  const mayWithdraw = can(user, 'disclosure.withdraw') && disclosure.allowedMoves.includes('withdraw');
  return (
    <article className="detail">
      <h1>{description}</h1>
      <p className="meta">
        {production?.title} · {t('detail.revision', { n: disclosure.revision.number })} ·{' '}
        {t('detail.submittedBy', { date: formatDate(disclosure.createdAt) })} ·{' '}
        <StateBadge state={disclosure.state} /> <OutcomeBadge outcome={disclosure.revision.outcome} />
      </p>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {(mayRevise || mayWithdraw) && (
        <div className="actions">
          {mayRevise && (
            <Link className="button" href={`/disclosures/${disclosure.id}/revise`}>
              {t('detail.revise')}
            </Link>
          )}
          {mayWithdraw && (
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void api.withdraw(disclosure.id, disclosure.version).then(
                  () => changed(t('state.withdrawn')),
                  (e: Error) => setMessage(e.message),
                )
              }
            >
              {t('detail.withdraw')}
            </button>
          )}
        </div>
      )}
      <div className="detail-grid">
        <div>
          <section aria-labelledby="verdict-heading" className="card">
            <h2 id="verdict-heading">{t('detail.verdict')}</h2>
            {verdict && <VerdictView verdict={verdict} headingLevel={3} />}
          </section>
          <DecisionForm disclosure={disclosure} user={user} onDecided={() => changed(t('decision.done'))} />
          {disclosure.approval && (
            <ApprovalSection
              disclosure={disclosure}
              approval={disclosure.approval}
              user={user}
              onChanged={() => changed(t('decision.done'))}
            />
          )}
          <section aria-labelledby="diff-heading" className="card">
            <h2 id="diff-heading">{t('detail.diff')}</h2>
            <RevisionDiff revisions={loaded.revisions} />
          </section>
        </div>
        <div>
          <section aria-labelledby="answers-heading" className="card">
            <h2 id="answers-heading">{t('detail.answers')}</h2>
            <AnswerList disclosure={disclosure.revision.disclosure} />
          </section>
          <Comments
            disclosureId={disclosure.id}
            comments={loaded.comments}
            mayComment={can(user, 'disclosure.comment')}
            nameOf={nameOf}
            onAdded={reload}
          />
          <History
            disclosure={disclosure}
            revisions={loaded.revisions}
            comments={loaded.comments}
            ledger={loaded.ledger}
            nameOf={nameOf}
          />
        </div>
      </div>
    </article>
  );
}
