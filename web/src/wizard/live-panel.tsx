import { useTranslation } from 'react-i18next';
import { pathLabel } from '../verdict/path-label.js';
import { VerdictView } from '../verdict/verdict-view.js';
import type { LiveVerdict } from './live-verdict.js';

/**
 * The verdict beside the questions, recomputed on every answer. It is a polite live region,
 * so screen readers hear the new outcome without losing their place in the form.
 */
export function LivePanel({ live, onAnswer }: { live: LiveVerdict; onAnswer: (path: string) => void }) {
  const { t } = useTranslation();
  return (
    <aside className="live-panel" aria-labelledby="live-verdict-heading">
      <h2 id="live-verdict-heading">{t('verdict.title')}</h2>
      <div aria-live="polite">
        {live.ok ? (
          <VerdictView verdict={live.verdict} onAnswer={onAnswer} headingLevel={3} />
        ) : (
          <>
            <p data-testid="verdict-incomplete">{t('verdict.incomplete')}</p>
            <ul>
              {live.issues.map((issue) => (
                <li key={issue.path}>
                  <button type="button" className="link" onClick={() => onAnswer(issue.path)}>
                    {pathLabel(t, issue.path)}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </aside>
  );
}
