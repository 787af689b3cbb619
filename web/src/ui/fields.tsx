import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ANSWERS, type Answer } from '../../../src/policy/vocabulary.js';

/*
 * Form controls built on native inputs inside fieldsets with legends, with help text tied
 * by aria-describedby: every question is labelled and reachable with Tab and arrow keys.
 */

export function Help({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="help">
      {children}
    </p>
  );
}

export function ChoiceGroup<T extends string>({
  legend,
  help,
  name,
  options,
  value,
  onChange,
  labelOf,
}: {
  legend: string;
  help?: string | undefined;
  name: string;
  options: readonly T[];
  value: T | undefined;
  onChange: (value: T) => void;
  labelOf: (option: T) => string;
}) {
  const id = useId();
  return (
    <fieldset className="question" aria-describedby={help ? `${id}-help` : undefined}>
      <legend>{legend}</legend>
      {help && <Help id={`${id}-help`}>{help}</Help>}
      <div className="choices">
        {options.map((option) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name={`${name}-${id}`}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
            />
            {labelOf(option)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function YesNo({
  legend,
  help,
  name,
  value,
  onChange,
  allowUnsure = true,
}: {
  legend: string;
  help?: string | undefined;
  name: string;
  value: Answer | undefined;
  onChange: (value: Answer) => void;
  allowUnsure?: boolean;
}) {
  const { t } = useTranslation();
  const options = allowUnsure ? ANSWERS : (['yes', 'no'] as const);
  return (
    <ChoiceGroup
      legend={legend}
      help={help}
      name={name}
      options={options}
      value={value}
      onChange={onChange}
      labelOf={(a) => t(`answer.${a}`)}
    />
  );
}

export function CheckboxGroup<T extends string>({
  legend,
  help,
  options,
  value,
  onChange,
  labelOf,
}: {
  legend: string;
  help?: string | undefined;
  options: readonly T[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  labelOf: (option: T) => string;
}) {
  const id = useId();
  const toggle = (option: T, on: boolean) =>
    onChange(
      on ? options.filter((o) => o === option || value.includes(o)) : value.filter((o) => o !== option),
    );
  return (
    <fieldset className="question" aria-describedby={help ? `${id}-help` : undefined}>
      <legend>{legend}</legend>
      {help && <Help id={`${id}-help`}>{help}</Help>}
      <div className="choices">
        {options.map((option) => (
          <label key={option} className="choice">
            <input
              type="checkbox"
              checked={value.includes(option)}
              onChange={(e) => toggle(option, e.currentTarget.checked)}
            />
            {labelOf(option)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function SelectField<T extends string>({
  label,
  help,
  options,
  value,
  onChange,
  labelOf,
  placeholder,
}: {
  label: string;
  help?: string | undefined;
  options: readonly T[];
  value: T | undefined;
  onChange: (value: T) => void;
  labelOf: (option: T) => string;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="question">
      <label htmlFor={id}>{label}</label>
      {help && <Help id={`${id}-help`}>{help}</Help>}
      <select
        id={id}
        value={value ?? ''}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(e) => onChange(e.currentTarget.value as T)}
      >
        {placeholder !== undefined && (
          <option value="" disabled>
            {placeholder}
          </option>
        )}
        {options.map((option) => (
          <option key={option} value={option}>
            {labelOf(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextField({
  label,
  help,
  value,
  onChange,
  multiline = false,
  required = false,
  type = 'text',
}: {
  label: string;
  help?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  required?: boolean;
  type?: 'text' | 'date' | 'email' | 'password';
}) {
  const id = useId();
  const described = help ? `${id}-help` : undefined;
  return (
    <div className="question">
      <label htmlFor={id}>{label}</label>
      {help && <Help id={`${id}-help`}>{help}</Help>}
      {multiline ? (
        <textarea
          id={id}
          value={value}
          rows={3}
          required={required}
          aria-describedby={described}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      ) : (
        <input
          id={id}
          type={type}
          value={value}
          required={required}
          aria-describedby={described}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </div>
  );
}
