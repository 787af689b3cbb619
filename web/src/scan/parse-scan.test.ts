import { describe, expect, it } from 'vitest';
import { parseScanReport, severityCounts } from './parse-scan.js';
import { SAMPLE_SCAN_REPORT } from './sample-report.js';

describe('scan report reader', () => {
  it('reads the scan JSON contract and counts findings by severity', () => {
    const parsed = parseScanReport(JSON.stringify(SAMPLE_SCAN_REPORT));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report.items.map((i) => i.class)).toEqual(['ai-generated', 'no-ai-signal', 'unknown']);
    expect(severityCounts(parsed.report)).toEqual({ blocker: 1, warning: 1, info: 1 });
  });

  it('names the field and the allowed values when a report is malformed', () => {
    const bad = {
      items: [{ path: 'a.png', class: 'robot', manifest: { present: false, validation: 'none' } }],
    };
    expect(parseScanReport(JSON.stringify(bad))).toEqual({
      ok: false,
      message: 'items[0].class is "robot"; expected one of ai-generated, ai-composite, no-ai-signal, unknown',
    });
    expect(parseScanReport('{').ok).toBe(false);
    expect(parseScanReport('[]')).toEqual({ ok: false, message: 'expected an object with an "items" list' });
  });
});
