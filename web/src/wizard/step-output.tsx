import { useTranslation } from 'react-i18next';
import { OUTPUT_ELEMENTS, PROMPT_REFERENCES } from '../../../src/policy/vocabulary.js';
import { CheckboxGroup, SelectField, YesNo } from '../ui/fields.js';
import { asksAboutFinalOutput } from './answers.js';
import type { StepProps } from './step-props.js';

export function StepOutput({ answers, update }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <YesNo
        legend={t('wizard.output.final')}
        help={t('wizard.output.finalHelp')}
        name="final"
        value={answers.final}
        onChange={(final) => update({ final })}
      />
      {asksAboutFinalOutput(answers) && (
        <>
          <SelectField
            label={t('wizard.output.element')}
            options={OUTPUT_ELEMENTS}
            value={answers.element}
            onChange={(element) => update({ element })}
            labelOf={(e) => t(`vocab.element.${e}`)}
          />
          <YesNo
            legend={t('wizard.output.narrative')}
            name="narrative"
            value={answers.narrativeInfluence}
            onChange={(narrativeInfluence) => update({ narrativeInfluence })}
          />
        </>
      )}
      <CheckboxGroup
        legend={t('wizard.output.references')}
        help={t('wizard.output.referencesHelp')}
        options={PROMPT_REFERENCES}
        value={answers.references}
        onChange={(references) => update({ references })}
        labelOf={(r) => t(`vocab.reference.${r}`)}
      />
    </>
  );
}
