import { useTranslation } from 'react-i18next';
import { EXEMPTIONS, TALENT_USES } from '../../../src/policy/vocabulary.js';
import { SelectField, TextField, YesNo } from '../ui/fields.js';
import { asksTalentDetails, type TalentAnswers } from './answers.js';
import type { StepProps } from './step-props.js';

const NEW_PERFORMER: TalentAnswers = { performer: '', exemption: 'none' };

export function StepTalent({ answers, update }: StepProps) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<TalentAnswers>) =>
    update({ talent: answers.talent.map((p, i) => (i === index ? { ...p, ...patch } : p)) });
  return (
    <>
      <YesNo
        legend={t('wizard.talent.involved')}
        help={t('wizard.talent.involvedHelp')}
        name="performers"
        value={answers.performersInvolved}
        allowUnsure={false}
        onChange={(value) => {
          const involved = value === 'yes' ? 'yes' : 'no';
          update({
            performersInvolved: involved,
            talent: involved === 'yes' && answers.talent.length === 0 ? [NEW_PERFORMER] : answers.talent,
          });
        }}
      />
      {asksTalentDetails(answers) && (
        <>
          {answers.talent.map((p, index) => {
            const n = index + 1;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: performers are identified by their place in the list.
              <fieldset key={index} className="item">
                <legend>{t('wizard.talent.legend', { n })}</legend>
                <TextField
                  label={t('wizard.talent.performer')}
                  value={p.performer}
                  onChange={(performer) => change(index, { performer })}
                  required
                />
                <SelectField
                  label={t('wizard.talent.use')}
                  options={TALENT_USES}
                  value={p.use}
                  onChange={(use) => change(index, { use })}
                  labelOf={(u) => t(`vocab.talentUse.${u}`)}
                  placeholder={t('wizard.basics.choose')}
                />
                <YesNo
                  legend={t('wizard.talent.unionCovered')}
                  name={`talent-${index}-union`}
                  value={p.unionCovered}
                  onChange={(unionCovered) => change(index, { unionCovered })}
                />
                <YesNo
                  legend={t('wizard.talent.consent')}
                  help={t('wizard.talent.consentHelp')}
                  name={`talent-${index}-consent`}
                  value={p.consent}
                  onChange={(consent) => change(index, { consent })}
                />
                <YesNo
                  legend={t('wizard.talent.deceased')}
                  name={`talent-${index}-deceased`}
                  value={p.deceased}
                  allowUnsure={false}
                  onChange={(deceased) => change(index, { deceased })}
                />
                <SelectField
                  label={t('wizard.talent.exemption')}
                  options={EXEMPTIONS}
                  value={p.exemption}
                  onChange={(exemption) => change(index, { exemption })}
                  labelOf={(e) => t(`vocab.exemption.${e}`)}
                />
                <button
                  type="button"
                  className="secondary"
                  onClick={() => update({ talent: answers.talent.filter((_, i) => i !== index) })}
                >
                  {t('wizard.talent.remove', { n })}
                </button>
              </fieldset>
            );
          })}
          <button
            type="button"
            className="secondary"
            onClick={() => update({ talent: [...answers.talent, NEW_PERFORMER] })}
          >
            {t('wizard.talent.add')}
          </button>
        </>
      )}
    </>
  );
}
