import { describe, expect, it } from 'vitest';
import { diffDisclosures, flatten } from './flatten.js';

describe('revision diff', () => {
  const before = {
    schema: 'clearframe/disclosure@1',
    description: 'Moodboard',
    media: ['image'],
    tools: [{ name: 'A', enterprise: 'yes' }],
    output: { final: 'no' },
  };

  it('reads a disclosure as question rows, lists of values on one row', () => {
    expect(flatten(before)).toEqual([
      { path: 'description', value: 'Moodboard' },
      { path: 'media', value: 'image' },
      { path: 'tools[0].name', value: 'A' },
      { path: 'tools[0].enterprise', value: 'yes' },
      { path: 'output.final', value: 'no' },
    ]);
  });

  it('names each changed, added and removed answer', () => {
    const after = {
      ...before,
      media: ['image', 'video'],
      tools: [],
      output: { final: 'yes', element: 'background' },
    };
    expect(diffDisclosures(before, after)).toEqual([
      { path: 'media', before: 'image', after: 'image, video' },
      { path: 'output.final', before: 'no', after: 'yes' },
      { path: 'output.element', before: '', after: 'background' },
      { path: 'tools[0].name', before: 'A', after: '' },
      { path: 'tools[0].enterprise', before: 'yes', after: '' },
    ]);
  });

  it('finds nothing between identical revisions', () => {
    expect(diffDisclosures(before, structuredClone(before))).toEqual([]);
  });
});
