import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client.js';
import type { DisclosureDto, ProductionDto } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';
import { navigate, usePageTitle } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { defaultPack } from '../policy/default-pack.js';
import { emptyAnswers, productionAnswers, type WizardAnswers } from './answers.js';
import { clearDraft, type Draft, draftKey, loadDraft, saveDraft } from './drafts.js';
import { fromDisclosure } from './from-disclosure.js';
import { LivePanel } from './live-panel.js';
import { liveVerdict } from './live-verdict.js';
import { StepBasics } from './step-basics.js';
import { StepInputs } from './step-inputs.js';
import { StepOutput } from './step-output.js';
import { StepPrinciples } from './step-principles.js';
import { StepRealism } from './step-realism.js';
import { StepReview } from './step-review.js';
import { StepTalent } from './step-talent.js';
import { StepTools } from './step-tools.js';
import { STEPS, type StepId, stepForPath } from './steps.js';

/** Set once the first step is on screen; the browser test reads it as time to first render. */
export const WIZARD_READY_MARK = 'clearframe:wizard-ready';

type Props = {
  readonly productions: readonly ProductionDto[];
  /** Present when revising: the disclosure whose current revision the answers start from. */
  readonly revising?: DisclosureDto;
};

function startingDraft(
  key: string,
  productions: readonly ProductionDto[],
  revising: DisclosureDto | undefined,
): { draft: Draft; restored: boolean } {
  const stored = loadDraft(key);
  if (stored !== null) return { draft: stored, restored: true };
  const only = productions.length === 1 ? productions[0] : undefined;
  const answers: WizardAnswers = revising
    ? fromDisclosure(revising.revision.disclosure, revising.productionId)
    : only
      ? { ...emptyAnswers(), ...productionAnswers(only) }
      : emptyAnswers();
  return {
    draft: { answers, step: 'basics', idempotencyKey: crypto.randomUUID(), savedAt: '' },
    restored: false,
  };
}

export function WizardPage({ productions, revising }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  usePageTitle(t('wizard.title'));
  const key = draftKey(user.id, revising?.id);
  const [{ draft, restored }, setState] = useState(() => startingDraft(key, productions, revising));
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const { answers, step } = draft;
  const live = useMemo(() => liveVerdict(answers, defaultPack), [answers]);

  useEffect(() => {
    performance.mark(WIZARD_READY_MARK);
  }, []);

  const commit = useCallback(
    (next: Partial<Draft>) =>
      setState((s) => {
        const updated: Draft = { ...s.draft, ...next, savedAt: new Date().toISOString() };
        saveDraft(key, updated);
        return { draft: updated, restored: s.restored };
      }),
    [key],
  );
  const update = useCallback(
    (patch: Partial<WizardAnswers>) => commit({ answers: { ...draft.answers, ...patch } }),
    [commit, draft.answers],
  );
  const goTo = (next: StepId) => {
    commit({ step: next });
    // Focus the new step's heading so keyboard and screen-reader users start at its top.
    requestAnimationFrame(() => stepHeading.current?.focus());
  };
  const index = STEPS.indexOf(step);

  const submit = async () => {
    if (!live.ok) {
      setError(t('wizard.submitBlocked'));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const saved = revising
        ? await api.revise(revising.id, live.disclosure, revising.version)
        : await api.submit(answers.productionId, live.disclosure, draft.idempotencyKey);
      clearDraft(key);
      navigate(`/disclosures/${saved.id}?submitted=1`);
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  };

  const stepName = t(`wizard.steps.${step}`);
  return (
    <div className="wizard">
      <div className="wizard-main">
        <h1>{t('wizard.title')}</h1>
        <p className="lead">{t('wizard.intro')}</p>
        {restored && draft.savedAt && (
          <p className="notice" role="status">
            {t('wizard.draftRestored', { time: formatDateTime(draft.savedAt) })}{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                clearDraft(key);
                setState(startingDraft(key, productions, revising));
              }}
            >
              {t('wizard.discardDraft')}
            </button>
          </p>
        )}
        <nav aria-label={t('wizard.stepsNav')}>
          <ol className="steps">
            {STEPS.map((id, i) => (
              <li key={id}>
                <button
                  type="button"
                  className={id === step ? 'step current' : 'step'}
                  aria-current={id === step ? 'step' : undefined}
                  onClick={() => goTo(id)}
                >
                  <span className="step-number">{i + 1}</span> {t(`wizard.steps.${id}`)}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <form
          className="step-form"
          aria-labelledby="wizard-step-heading"
          onSubmit={(e) => {
            e.preventDefault();
            if (step === 'review') void submit();
            else goTo(STEPS[index + 1] ?? 'review');
          }}
        >
          <h2 id="wizard-step-heading" ref={stepHeading} tabIndex={-1}>
            {t('wizard.stepOf', { current: index + 1, total: STEPS.length, name: stepName })}
          </h2>
          {step === 'basics' && <StepBasics answers={answers} update={update} productions={productions} />}
          {step === 'tools' && <StepTools answers={answers} update={update} />}
          {step === 'inputs' && <StepInputs answers={answers} update={update} />}
          {step === 'output' && <StepOutput answers={answers} update={update} />}
          {step === 'talent' && <StepTalent answers={answers} update={update} />}
          {step === 'realism' && <StepRealism answers={answers} update={update} />}
          {step === 'principles' && <StepPrinciples answers={answers} update={update} />}
          {step === 'review' && <StepReview live={live} goTo={goTo} />}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            {index > 0 && (
              <button type="button" className="secondary" onClick={() => goTo(STEPS[index - 1] ?? 'basics')}>
                {t('wizard.back')}
              </button>
            )}
            <button type="submit" disabled={submitting}>
              {step !== 'review'
                ? t('wizard.next')
                : submitting
                  ? t('wizard.submitting')
                  : revising
                    ? t('wizard.reviseSubmit')
                    : t('wizard.submit')}
            </button>
          </div>
          {draft.savedAt && (
            <p className="muted small" aria-live="off">
              {t('wizard.draftSaved', { time: formatDateTime(draft.savedAt) })}
            </p>
          )}
        </form>
      </div>
      <LivePanel live={live} onAnswer={(path) => goTo(stepForPath(path))} />
    </div>
  );
}
