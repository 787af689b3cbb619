/** Values a reason or resolve text can name (see TEMPLATE_VARIABLES in pack.ts). */
export type TemplateVars = {
  readonly subject: string;
  /** A text field of the item (a registry note: why a tool is blocked, a consent gap). */
  readonly detail: string;
  readonly evidence: string;
  readonly unknowns: string;
  readonly answer: string;
  readonly reason: string;
};

export type Template = (vars: TemplateVars) => string;

/**
 * Compiles `"... {subject} ..."` once at pack load into a function that concatenates parts,
 * since reasons are rendered for every finding of every verdict.
 */
export function compileTemplate(text: string): Template {
  const parts = text.split(/\{(\w+)\}/);
  if (parts.length === 1) return () => text;
  return (vars) => {
    let out = '';
    let hasEmpty = false;
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 0) {
        out += parts[i];
        continue;
      }
      const value = vars[parts[i] as keyof TemplateVars] ?? '';
      if (value === '') hasEmpty = true;
      out += value;
    }
    // An empty placeholder must not leave "foo ." or a doubled space behind.
    return hasEmpty
      ? out
          .replace(/\s+([.,;:])/g, '$1')
          .replace(/\s{2,}/g, ' ')
          .trim()
      : out;
  };
}
