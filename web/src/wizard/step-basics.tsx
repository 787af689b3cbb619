import { useTranslation } from 'react-i18next';
import { MEDIA, PHASES } from '../../../src/policy/vocabulary.js';
import type { ProductionDto } from '../api/types.js';
import { CheckboxGroup, SelectField, TextField } from '../ui/fields.js';
import { productionAnswers } from './answers.js';
import type { StepProps } from './step-props.js';

export function StepBasics({
  answers,
  update,
  productions,
}: StepProps & { productions: readonly ProductionDto[] }) {
  const { t } = useTranslation();
  const choose = (id: string) => {
    const production = productions.find((p) => p.id === id);
    if (production !== undefined) update(productionAnswers(production));
  };
  return (
    <>
      <SelectField
        label={t('wizard.basics.production')}
        help={t('wizard.basics.productionHelp')}
        options={productions.map((p) => p.id)}
        value={answers.productionId || undefined}
        onChange={choose}
        labelOf={(id) => productions.find((p) => p.id === id)?.title ?? id}
        placeholder={t('wizard.basics.choose')}
      />
      <SelectField
        label={t('wizard.basics.phase')}
        help={t('wizard.basics.phaseHelp')}
        options={PHASES}
        value={answers.phase}
        onChange={(phase) => update({ phase })}
        labelOf={(p) => t(`vocab.phase.${p}`)}
        placeholder={t('wizard.basics.choose')}
      />
      <TextField
        label={t('wizard.basics.description')}
        help={t('wizard.basics.descriptionHelp')}
        value={answers.description}
        onChange={(description) => update({ description })}
        multiline
        required
      />
      <CheckboxGroup
        legend={t('wizard.basics.media')}
        options={MEDIA}
        value={answers.media}
        onChange={(media) => update({ media })}
        labelOf={(m) => t(`vocab.media.${m}`)}
      />
    </>
  );
}
