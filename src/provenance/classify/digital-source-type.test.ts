import { describe, expect, it } from 'vitest';
import { normaliseDigitalSourceType } from './digital-source-type.js';

const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

describe('normaliseDigitalSourceType', () => {
  it('matches http, https, stray spaces and bare terms alike', () => {
    for (const raw of [
      `${IPTC}trainedAlgorithmicMedia`,
      'https://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
      `  ${IPTC}trainedAlgorithmicMedia `,
      'trainedalgorithmicmedia',
      `${IPTC}trainedAlgorithmicMedia/`,
    ]) {
      expect(normaliseDigitalSourceType(raw)).toEqual({
        raw,
        term: 'trainedAlgorithmicMedia',
        category: 'ai-generated',
      });
    }
  });

  it('puts composites with trained AI apart from wholly generated media', () => {
    expect(normaliseDigitalSourceType(`${IPTC}compositeWithTrainedAlgorithmicMedia`).category).toBe(
      'ai-composite',
    );
  });

  it('does not call algorithmicMedia (no training data) or captures AI', () => {
    expect(normaliseDigitalSourceType(`${IPTC}algorithmicMedia`).category).toBe('not-ai');
    expect(normaliseDigitalSourceType(` ${IPTC}digitalCapture`)).toMatchObject({
      term: 'digitalCapture',
      category: 'not-ai',
    });
    expect(normaliseDigitalSourceType(`${IPTC}compositeSynthetic`).category).toBe('not-ai');
  });

  it('flags values that are no IPTC term or URI', () => {
    expect(normaliseDigitalSourceType('http://example.com/ai')).toMatchObject({
      term: null,
      category: 'unrecognised',
    });
    expect(normaliseDigitalSourceType(`${IPTC}madeUpTerm`)).toMatchObject({
      term: 'madeUpTerm',
      category: 'unrecognised',
    });
  });
});
