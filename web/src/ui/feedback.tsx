import { useTranslation } from 'react-i18next';
import type { AsyncState } from '../lib/use-async.js';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('app.loading')}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error" role="alert">
      <p>{t('errors.generic', { message: error.message })}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

/** Renders the loading and error states of useAsync, and `ready` with the data. */
export function AsyncView<T>({
  state,
  children,
}: {
  state: AsyncState<T> & { reload: () => void };
  children: (data: T) => React.ReactNode;
}) {
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  return <>{children(state.data)}</>;
}
