import { useTranslation } from 'react-i18next';
import { INPUT_KINDS, TRAINING_DATA, TRAINING_KINDS } from '../../../src/policy/vocabulary.js';
import { CheckboxGroup, ChoiceGroup, YesNo } from '../ui/fields.js';
import { asksTrainingData, needsClearance } from './answers.js';
import type { StepProps } from './step-props.js';

export function StepInputs({ answers, update }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <CheckboxGroup
        legend={t('wizard.inputs.legend')}
        help={t('wizard.inputs.help')}
        options={INPUT_KINDS}
        value={answers.inputs}
        onChange={(inputs) => update({ inputs })}
        labelOf={(k) => t(`vocab.input.${k}`)}
      />
      {answers.inputs.filter(needsClearance).map((kind) => (
        <YesNo
          key={kind}
          legend={t('wizard.inputs.approved', { kind: t(`vocab.input.${kind}`) })}
          help={t('wizard.inputs.approvedHelp')}
          name={`clearance-${kind}`}
          value={answers.clearance[kind]}
          onChange={(value) => update({ clearance: { ...answers.clearance, [kind]: value } })}
        />
      ))}
      <ChoiceGroup
        legend={t('wizard.inputs.training')}
        name="training-kind"
        options={TRAINING_KINDS}
        value={answers.trainingKind}
        onChange={(trainingKind) => update({ trainingKind })}
        labelOf={(k) => t(`vocab.training.${k}`)}
      />
      {asksTrainingData(answers) && (
        <CheckboxGroup
          legend={t('wizard.inputs.trainingData')}
          options={TRAINING_DATA}
          value={answers.trainingData}
          onChange={(trainingData) => update({ trainingData })}
          labelOf={(k) => t(`vocab.trainingData.${k}`)}
        />
      )}
    </>
  );
}
