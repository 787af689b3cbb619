import { useTranslation } from 'react-i18next';
import { YesNo } from '../ui/fields.js';
import { PRINCIPLES } from './answers.js';
import type { StepProps } from './step-props.js';

export function StepPrinciples({ answers, update }: StepProps) {
  const { t } = useTranslation();
  return (
    <>
      <p className="help">{t('wizard.principles.intro')}</p>
      {PRINCIPLES.map((key) => (
        <YesNo
          key={key}
          legend={t(`wizard.principles.${key}`)}
          name={`principle-${key}`}
          value={answers.principles[key]}
          onChange={(value) => update({ principles: { ...answers.principles, [key]: value } })}
        />
      ))}
    </>
  );
}
