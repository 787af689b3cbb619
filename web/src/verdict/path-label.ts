import type { TFunction } from 'i18next';

/**
 * The question a disclosure path stands for, in the reader's language: open questions and
 * validation issues name paths (`tools[0].retainsData`), which people should never have to read.
 */
export function pathLabel(t: TFunction, path: string): string {
  const indexed = /^(tools|talent|inputs)\[(\d+)\]\.?(.*)$/.exec(path);
  if (indexed) {
    const [, list, index, field] = indexed;
    const n = Number(index) + 1;
    if (list === 'tools') {
      const prefix = t('wizard.tools.item', { n });
      if (field === 'enterprise') return `${prefix}: ${t('wizard.tools.enterprise')}`;
      if (field === 'retainsData') return `${prefix}: ${t('wizard.tools.retainsData')}`;
      return `${prefix}: ${t('wizard.tools.name')}`;
    }
    if (list === 'talent') {
      const prefix = t('wizard.talent.legend', { n });
      if (field === 'consent') return `${prefix}: ${t('wizard.talent.consent')}`;
      if (field === 'unionCovered') return `${prefix}: ${t('wizard.talent.unionCovered')}`;
      if (field === 'use') return `${prefix}: ${t('wizard.talent.use')}`;
      if (field === 'deceased') return `${prefix}: ${t('wizard.talent.deceased')}`;
      if (field === 'exemption') return `${prefix}: ${t('wizard.talent.exemption')}`;
      return `${prefix}: ${t('wizard.talent.performer')}`;
    }
    return field === 'approved'
      ? `${t('wizard.inputs.legend')} (${n}): ${t('wizard.inputs.approvedShort')}`
      : `${t('wizard.inputs.legend')} (${n})`;
  }
  switch (path) {
    case 'production.title':
      return t('wizard.basics.production');
    case 'description':
      return t('wizard.basics.description');
    case 'production.format':
      return t('wizard.basics.format');
    case 'talent':
      return t('wizard.talent.involved');
    case 'inputs':
      return t('wizard.inputs.legend');
    case 'phase':
      return t('wizard.basics.phase');
    case 'media':
      return t('wizard.basics.media');
    case 'training.kind':
      return t('wizard.inputs.training');
    case 'output.element':
      return t('wizard.output.element');
    case 'prompts.references':
      return t('wizard.output.references');
    case 'realism.depicts':
      return t('wizard.realism.depicts');
    case 'tools':
      return t('wizard.tools.legend');
    case 'training.data':
      return t('wizard.inputs.trainingData');
    case 'output.final':
      return t('wizard.output.final');
    case 'output.narrativeInfluence':
      return t('wizard.output.narrative');
    case 'realism.couldMislead':
      return t('wizard.realism.couldMislead');
    case 'realism.asEvidence':
      return t('wizard.realism.asEvidence');
    case 'realism.fabricatedStatement':
      return t('wizard.realism.fabricated');
    case 'principles.noInfringement':
    case 'principles.noDataRetention':
    case 'principles.enterpriseSecured':
    case 'principles.temporaryOnly':
    case 'principles.noTalentReplacement':
      return t(`wizard.principles.${path.slice('principles.'.length) as 'noInfringement'}`);
    default:
      return path;
  }
}

type Vocab =
  | 'phase'
  | 'format'
  | 'media'
  | 'input'
  | 'training'
  | 'trainingData'
  | 'element'
  | 'reference'
  | 'depiction'
  | 'talentUse'
  | 'exemption';

/** Which vocabulary a path's values come from; items of lists map by their field name. */
function vocabularyOf(path: string): Vocab | undefined {
  const field = path.replace(/\[\d+\]/g, '');
  const table: Readonly<Record<string, Vocab>> = {
    phase: 'phase',
    'production.format': 'format',
    media: 'media',
    'inputs.kind': 'input',
    'training.kind': 'training',
    'training.data': 'trainingData',
    'output.element': 'element',
    'prompts.references': 'reference',
    'realism.depicts': 'depiction',
    'talent.use': 'talentUse',
    'talent.exemption': 'exemption',
  };
  return table[field];
}

/**
 * An answer in the reader's language: yes/no answers and vocabulary values by their labels
 * (lists of values label each one); anything else (names, free text) as written.
 */
export function valueLabel(t: TFunction, path: string, value: string): string {
  if (value === 'yes' || value === 'no' || value === 'unsure') return t(`answer.${value}`);
  const vocab = vocabularyOf(path);
  if (vocab === undefined) return value;
  return value
    .split(', ')
    .map((v) => {
      const key = `vocab.${vocab}.${v}`;
      return i18nHas(t, key) ? t(key as 'vocab.phase.development') : v;
    })
    .join(', ');
}

/** An unknown value (from a newer vocabulary) shows as stored rather than as a missing key. */
function i18nHas(t: TFunction, key: string): boolean {
  return t(key as 'vocab.phase.development', { defaultValue: '' }) !== '';
}
