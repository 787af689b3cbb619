import { useTranslation } from 'react-i18next';
import { AnswerList } from '../disclosure/answer-list.js';
import { pathLabel } from '../verdict/path-label.js';
import type { LiveVerdict } from './live-verdict.js';
import type { StepId } from './steps.js';
import { stepForPath } from './steps.js';

export function StepReview({ live, goTo }: { live: LiveVerdict; goTo: (step: StepId) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('wizard.review.intro')}</p>
      {!live.ok && (
        <>
          <h3>{t('wizard.review.missing')}</h3>
          <ul>
            {live.issues.map((issue) => (
              <li key={issue.path}>
                <button type="button" className="link" onClick={() => goTo(stepForPath(issue.path))}>
                  {t('verdict.issue', { path: pathLabel(t, issue.path), message: issue.message })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {live.ok && (
        <>
          <h3>{t('wizard.review.summary')}</h3>
          <AnswerList disclosure={live.disclosure} />
        </>
      )}
    </>
  );
}
