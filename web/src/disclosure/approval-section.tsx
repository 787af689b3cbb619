import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { ApprovalDto, DisclosureDto, UserDto } from '../api/types.js';
import { formatDate } from '../lib/format.js';
import { can } from '../lib/roles.js';
import { Link } from '../lib/router.js';

/** The written approval in force (or the last voided one) and its conditions, tracked to done. */
export function ApprovalSection({
  disclosure,
  approval,
  user,
  onChanged,
}: {
  disclosure: DisclosureDto;
  approval: ApprovalDto;
  user: UserDto;
  onChanged: (d: DisclosureDto) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const mayComplete = can(user, 'condition.complete') && approval.status === 'active';
  const complete = async (conditionId: string) => {
    setError(null);
    try {
      onChanged(await api.completeCondition(conditionId));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section aria-labelledby="approval-heading" className="card">
      <h2 id="approval-heading">{t('detail.approval')}</h2>
      <p>
        {t('detail.approvalIssued', { date: formatDate(approval.issuedAt), revision: approval.revision })}
        {approval.expiresAt && (
          <> · {t('detail.approvalExpires', { date: formatDate(approval.expiresAt) })}</>
        )}
      </p>
      {approval.status === 'voided' && (
        <p className="warning">{t('detail.approvalVoided', { reason: approval.voidReason ?? '' })}</p>
      )}
      <ul className="plain">
        {/* The PDF is the signed record with its verification code, so a voided approval keeps it too. */}
        <li>
          <a href={api.letterUrl(approval.id)} download>
            {t('detail.letterPdf')}
          </a>
        </li>
        {approval.status === 'active' && (
          <li>
            <Link href={`/disclosures/${disclosure.id}/letter`}>{t('detail.letter')}</Link>
          </li>
        )}
      </ul>
      <h3>{t('detail.conditions')}</h3>
      {approval.conditions.length === 0 ? (
        <p>{t('detail.noConditions')}</p>
      ) : (
        <ul className="conditions">
          {approval.conditions.map((c) => (
            <li key={c.id} data-status={c.status}>
              <span>{c.text}</span>
              {c.dueDate && (
                <span className="muted"> — {t('detail.due', { date: formatDate(c.dueDate) })}</span>
              )}{' '}
              {c.status === 'done' ? (
                <span className="badge state-approved">
                  {t('detail.done', { date: formatDate(c.completedAt) })}
                </span>
              ) : (
                mayComplete && (
                  <button type="button" className="secondary" onClick={() => void complete(c.id)}>
                    {t('detail.complete')}
                    <span className="visually-hidden">: {c.text}</span>
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
