import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { can } from '../lib/roles.js';
import { usePageTitle } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { useAsync } from '../lib/use-async.js';
import { AsyncView } from '../ui/feedback.js';

export function AuditPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  usePageTitle(t('audit.title'));
  const allowed = can(user, 'audit.verify');
  const result = useAsync(() => (allowed ? api.verifyLedger() : Promise.resolve(null)), [allowed]);
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      {!allowed ? (
        <p>{t('audit.forbidden')}</p>
      ) : (
        <AsyncView state={result}>
          {(v) =>
            v && (
              <div className="card">
                <p className={v.ok ? 'ok' : 'error'} role="status" data-testid="ledger-status">
                  {v.ok
                    ? t('audit.ok', { events: v.events, head: (v.head ?? '').slice(0, 16) })
                    : t('audit.broken', {
                        eventId: v.eventId ?? '?',
                        seq: v.seq ?? '?',
                        reason: v.reason ?? '',
                      })}
                </p>
                <button type="button" onClick={result.reload}>
                  {t('audit.verify')}
                </button>
              </div>
            )
          }
        </AsyncView>
      )}
    </>
  );
}
