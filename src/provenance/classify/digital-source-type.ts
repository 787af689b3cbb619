/**
 * IPTC Digital Source Type vocabulary (https://cv.iptc.org/newscodes/digitalsourcetype/).
 * Real files write the URI loosely: `https://` instead of `http://`, a leading space, a bare term,
 * so matching is on the term after normalisation, never on the exact string.
 */
export type SourceTypeCategory = 'ai-generated' | 'ai-composite' | 'not-ai' | 'unrecognised';

export type NormalisedSourceType = {
  readonly raw: string;
  /** The IPTC term, spelled as IPTC spells it (`trainedAlgorithmicMedia`), or null when the value is no IPTC URI or term. */
  readonly term: string | null;
  readonly category: SourceTypeCategory;
};

const IPTC_TERMS = [
  'digitalCapture',
  'computationalCapture',
  'negativeFilm',
  'positiveFilm',
  'print',
  'humanEdits',
  'minorHumanEdits',
  'compositeCapture',
  'algorithmicallyEnhanced',
  'dataDrivenMedia',
  'digitalArt',
  'virtualRecording',
  'compositeSynthetic',
  'composite',
  'screenCapture',
  // Made by an algorithm without training data (procedural, fractal): not generative AI under IPTC.
  'algorithmicMedia',
  'trainedAlgorithmicMedia',
  'compositeWithTrainedAlgorithmicMedia',
  // Retired IPTC terms still found in older files.
  'softwareImage',
  'digitalCreation',
] as const;

const BY_LOWER = new Map<string, string>(IPTC_TERMS.map((term) => [term.toLowerCase(), term]));

/** Hosts that publish digital source type URIs: IPTC's, and C2PA's own additions (`c2pa.org/digitalsourcetype/empty`). */
const URI = /^(?:https?:\/\/(?:cv\.iptc\.org\/newscodes|c2pa\.org)\/digitalsourcetype\/)?([A-Za-z]+)\/?$/i;

export function normaliseDigitalSourceType(raw: string): NormalisedSourceType {
  const match = URI.exec(raw.trim());
  const word = match?.[1];
  if (word === undefined) return { raw, term: null, category: 'unrecognised' };
  const lower = word.toLowerCase();
  const term = BY_LOWER.get(lower) ?? word;
  // Any "trained algorithmic" type is generative AI; a composite* one means AI is part of the asset.
  if (lower.includes('trainedalgorithmic')) {
    return { raw, term, category: lower.startsWith('composite') ? 'ai-composite' : 'ai-generated' };
  }
  return { raw, term, category: BY_LOWER.has(lower) ? 'not-ai' : 'unrecognised' };
}
