import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Decision, DecisionInput, DisclosureDto, UserDto, WorkflowMove } from '../api/types.js';
import { can } from '../lib/roles.js';
import { ChoiceGroup, SelectField, TextField } from '../ui/fields.js';

type Choice = 'acknowledge' | 'request_info' | 'approve' | 'approve_with_conditions' | 'reject';
const CHOICES: readonly Choice[] = [
  'acknowledge',
  'request_info',
  'approve',
  'approve_with_conditions',
  'reject',
];
const PERMISSION = {
  acknowledge: 'disclosure.acknowledge',
  request_info: 'disclosure.request_info',
  approve: 'disclosure.approve',
  approve_with_conditions: 'disclosure.approve',
  reject: 'disclosure.reject',
} as const;

type ConditionDraft = { text: string; dueDate: string; owner: 'partner' | 'studio' };

/** The decisions open to this reviewer now: allowed by the workflow and by the reviewer's role. */
export function openChoices(disclosure: DisclosureDto, user: UserDto): Choice[] {
  return CHOICES.filter(
    (c) => disclosure.allowedMoves.includes(c as WorkflowMove) && can(user, PERMISSION[c]),
  );
}

export function DecisionForm({
  disclosure,
  user,
  onDecided,
}: {
  disclosure: DisclosureDto;
  user: UserDto;
  onDecided: (d: DisclosureDto) => void;
}) {
  const { t } = useTranslation();
  const choices = openChoices(disclosure, user);
  const [choice, setChoice] = useState<Choice | undefined>(undefined);
  const [note, setNote] = useState('');
  const [expires, setExpires] = useState('');
  const [conditions, setConditions] = useState<ConditionDraft[]>([
    { text: '', dueDate: '', owner: 'partner' },
  ]);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (choices.length === 0) return null;
  const noteRequired = choice === 'reject' || choice === 'request_info';
  const change = (i: number, patch: Partial<ConditionDraft>) =>
    setConditions(conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (choice === undefined) return;
    const decision: Decision = choice === 'approve_with_conditions' ? 'approve' : choice;
    const input: DecisionInput = {
      decision,
      ...(note.trim() ? { note: note.trim() } : {}),
      // The end of the chosen day in the reviewer's time zone, sent as an instant.
      ...(decision === 'approve' && expires
        ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() }
        : {}),
      ...(choice === 'approve_with_conditions'
        ? {
            conditions: conditions
              .filter((c) => c.text.trim())
              .map((c) => ({
                text: c.text.trim(),
                ownerId: c.owner === 'partner' ? disclosure.createdBy : user.id,
                ...(c.dueDate ? { dueDate: c.dueDate } : {}),
              })),
          }
        : {}),
    };
    setWorking(true);
    setError(null);
    try {
      onDecided(await api.decide(disclosure.id, input, disclosure.version));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setWorking(false);
    }
  };

  return (
    <section aria-labelledby="decision-heading" className="card">
      <h2 id="decision-heading">{t('decision.title')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <ChoiceGroup
          legend={t('decision.choose')}
          name="decision"
          options={choices}
          value={choice}
          onChange={setChoice}
          labelOf={(c) => t(`decision.${c}`)}
        />
        <TextField
          label={t('decision.note')}
          help={noteRequired ? t('decision.noteRequired') : undefined}
          value={note}
          onChange={setNote}
          multiline
          required={noteRequired}
        />
        {(choice === 'approve' || choice === 'approve_with_conditions') && (
          <TextField label={t('decision.expires')} type="date" value={expires} onChange={setExpires} />
        )}
        {choice === 'approve_with_conditions' &&
          conditions.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions being written have no identity yet.
            <fieldset key={i} className="item">
              <legend>{t('decision.condition', { n: i + 1 })}</legend>
              <TextField
                label={t('decision.conditionText')}
                value={c.text}
                onChange={(text) => change(i, { text })}
                required
              />
              <TextField
                label={t('decision.conditionDue')}
                type="date"
                value={c.dueDate}
                onChange={(dueDate) => change(i, { dueDate })}
              />
              <SelectField
                label={t('decision.conditionOwner')}
                options={['partner', 'studio'] as const}
                value={c.owner}
                onChange={(owner) => change(i, { owner })}
                labelOf={(o) => (o === 'partner' ? t('decision.ownerPartner') : t('decision.ownerStudio'))}
              />
              {conditions.length > 1 && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setConditions(conditions.filter((_, j) => j !== i))}
                >
                  {t('decision.removeCondition', { n: i + 1 })}
                </button>
              )}
            </fieldset>
          ))}
        {choice === 'approve_with_conditions' && (
          <button
            type="button"
            className="secondary"
            onClick={() => setConditions([...conditions, { text: '', dueDate: '', owner: 'partner' }])}
          >
            {t('decision.addCondition')}
          </button>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={working || choice === undefined}>
            {working ? t('decision.working') : t('decision.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
