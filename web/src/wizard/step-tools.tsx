import { useTranslation } from 'react-i18next';
import { TextField, YesNo } from '../ui/fields.js';
import type { ToolAnswers } from './answers.js';
import type { StepProps } from './step-props.js';

export function StepTools({ answers, update }: StepProps) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<ToolAnswers>) =>
    update({ tools: answers.tools.map((tool, i) => (i === index ? { ...tool, ...patch } : tool)) });
  return (
    <fieldset className="group">
      <legend>{t('wizard.tools.legend')}</legend>
      <p className="help">{t('wizard.tools.help')}</p>
      {answers.tools.map((tool, index) => {
        const n = index + 1;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: tools have no identity but their place in the list.
          <fieldset key={index} className="item">
            <legend>{t('wizard.tools.item', { n })}</legend>
            <TextField
              label={t('wizard.tools.name')}
              value={tool.name}
              onChange={(name) => change(index, { name })}
              required
            />
            <YesNo
              legend={t('wizard.tools.enterprise')}
              help={t('wizard.tools.enterpriseHelp')}
              name={`tool-${index}-enterprise`}
              value={tool.enterprise}
              onChange={(enterprise) => change(index, { enterprise })}
            />
            <YesNo
              legend={t('wizard.tools.retainsData')}
              name={`tool-${index}-retains`}
              value={tool.retainsData}
              onChange={(retainsData) => change(index, { retainsData })}
            />
            <button
              type="button"
              className="secondary"
              onClick={() => update({ tools: answers.tools.filter((_, i) => i !== index) })}
            >
              {t('wizard.tools.remove', { n })}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="secondary"
        onClick={() => update({ tools: [...answers.tools, { name: '' }] })}
      >
        {t('wizard.tools.add')}
      </button>
    </fieldset>
  );
}
