import { baseName } from '../timeline/file-url.js';
import type { Timeline, TimelineIssue } from '../timeline/model.js';
import { countEvents, describeLocation } from '../timeline/model.js';
import type { MediaReference } from '../timeline/references.js';
import { mediaReferences } from '../timeline/references.js';
import { framesToTimecode } from '../timeline/timecode.js';
import { timelineUnknownFinding } from './findings.js';
import type { Finding, ScanItem, TimelineReference, TimelineSummary, UnmatchedClip } from './report-types.js';

export type ParsedTimeline = {
  readonly file: string;
  readonly timeline: Timeline;
  readonly issues: readonly TimelineIssue[];
};

export type Reconciled = {
  readonly items: ScanItem[];
  readonly summary: TimelineSummary;
  readonly findings: Finding[];
};

/**
 * Ties timeline clips to scanned files by file name, since a timeline made on another machine
 * names paths that do not exist here. A reference without an extension (EDL `SOURCE FILE`
 * comments often omit it) also matches a file whose name is that plus an extension.
 */
export function reconcileTimeline(items: readonly ScanItem[], parsed: ParsedTimeline): Reconciled {
  const byName = new Map<string, number[]>();
  const byStem = new Map<string, number[]>();
  items.forEach((item, index) => {
    const name = baseName(item.path).toLowerCase();
    push(byName, name, index);
    const dot = name.lastIndexOf('.');
    if (dot > 0) push(byStem, name.slice(0, dot), index);
  });

  const references = new Map<number, TimelineReference[]>();
  const unmatched: UnmatchedClip[] = [];
  const timelineFile = baseName(parsed.file);
  for (const reference of mediaReferences(parsed.timeline)) {
    const matches = findItems(reference, byName, byStem);
    if (matches.length === 0) {
      unmatched.push({
        event: reference.clip.event,
        clip: reference.clip.name,
        names: reference.names,
        location: reference.clip.location,
      });
      continue;
    }
    for (const index of matches) {
      const list = references.get(index) ?? [];
      list.push(toReference(reference, timelineFile, parsed.timeline));
      references.set(index, list);
    }
  }

  const updated = items.map((item, index) => {
    const refs = references.get(index);
    if (refs === undefined) return item;
    const findings =
      item.class === 'unknown'
        ? [...item.findings, timelineUnknownFinding([...new Set(refs.map((ref) => ref.event))])]
        : item.findings;
    return { ...item, timelineReferences: refs, findings };
  });

  const findings: Finding[] = [
    ...parsed.issues.map(
      (issue): Finding => ({
        severity: 'warning',
        code: 'timeline.issue',
        message: `${timelineFile}, ${describeLocation(issue.location)}: ${issue.message}`,
      }),
    ),
    ...groupUnmatched(unmatched, timelineFile),
  ];
  return {
    items: updated,
    findings,
    summary: {
      file: parsed.file,
      format: parsed.timeline.format,
      name: parsed.timeline.name,
      fps: parsed.timeline.fps,
      events: countEvents(parsed.timeline),
      mediaReferences: mediaReferences(parsed.timeline).length,
      matchedItems: references.size,
      unmatchedClips: unmatched,
    },
  };
}

function findItems(
  reference: MediaReference,
  byName: ReadonlyMap<string, number[]>,
  byStem: ReadonlyMap<string, number[]>,
): number[] {
  for (const name of reference.names) {
    const lower = name.toLowerCase();
    const exact = byName.get(lower) ?? byStem.get(lower);
    if (exact !== undefined) return exact;
  }
  return [];
}

function toReference(reference: MediaReference, timelineFile: string, timeline: Timeline): TimelineReference {
  const { clip } = reference;
  const outer = reference.via.slice(0, -1);
  const start = outer[0]?.recordIn ?? clip.recordIn;
  return {
    timeline: timelineFile,
    event: outer[0]?.event ?? clip.event,
    clip: clip.name,
    track: outer[0]?.track ?? clip.track,
    recordIn:
      start === null
        ? null
        : framesToTimecode(
            (start.frames / start.rate) * (timeline.fps ?? start.rate),
            timeline.fps ?? start.rate,
            timeline.dropFrame,
          ),
    via: outer.map((item) => item.name ?? `event ${item.event}`),
    location: clip.location,
  };
}

/** One finding per missing media name, listing every event that uses it (audio and video of one file are one finding). */
function groupUnmatched(unmatched: readonly UnmatchedClip[], timelineFile: string): Finding[] {
  const byName = new Map<string, string[]>();
  for (const clip of unmatched) {
    const name = clip.names[0] ?? clip.clip ?? '?';
    const events = byName.get(name) ?? [];
    if (!events.includes(clip.event)) events.push(clip.event);
    byName.set(name, events);
  }
  return [...byName.entries()].map(([name, events]) => ({
    severity: 'warning',
    code: 'timeline.clip-not-scanned',
    message: `${timelineFile} uses "${name}" (event ${events.join(', ')}) but no scanned file has that name: its provenance was not checked`,
  }));
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}
