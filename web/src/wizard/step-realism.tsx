import { useTranslation } from 'react-i18next';
import { DEPICTIONS } from '../../../src/policy/vocabulary.js';
import { CheckboxGroup, YesNo } from '../ui/fields.js';
import type { StepProps } from './step-props.js';

export function StepRealism({ answers, update }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <CheckboxGroup
        legend={t('wizard.realism.depicts')}
        options={DEPICTIONS}
        value={answers.depicts}
        onChange={(depicts) => update({ depicts })}
        labelOf={(d) => t(`vocab.depiction.${d}`)}
      />
      <YesNo
        legend={t('wizard.realism.couldMislead')}
        name="mislead"
        value={answers.couldMislead}
        onChange={(couldMislead) => update({ couldMislead })}
      />
      <YesNo
        legend={t('wizard.realism.asEvidence')}
        help={t('wizard.realism.asEvidenceHelp')}
        name="evidence"
        value={answers.asEvidence}
        onChange={(asEvidence) => update({ asEvidence })}
      />
      <YesNo
        legend={t('wizard.realism.fabricated')}
        name="fabricated"
        value={answers.fabricatedStatement}
        onChange={(fabricatedStatement) => update({ fabricatedStatement })}
      />
    </>
  );
}
