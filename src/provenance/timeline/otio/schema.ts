import { z } from 'zod';

/**
 * The parts of OpenTimelineIO's JSON the scanner relies on. Objects are loose: OTIO files carry
 * adapter metadata we ignore, and newer schema versions add fields.
 */
export const RationalTime = z.object({ value: z.number(), rate: z.number().positive() });
export type RationalTime = z.infer<typeof RationalTime>;

export const TimeRange = z.object({ start_time: RationalTime, duration: RationalTime });
export type TimeRange = z.infer<typeof TimeRange>;

export const MediaReference = z.looseObject({
  OTIO_SCHEMA: z.string(),
  name: z.string().nullish(),
  target_url: z.string().nullish(),
  target_url_base: z.string().nullish(),
  generator_kind: z.string().nullish(),
  available_range: TimeRange.nullish(),
});
export type MediaReference = z.infer<typeof MediaReference>;

export const Clip = z.looseObject({
  name: z.string().nullish(),
  source_range: TimeRange.nullish(),
  media_reference: MediaReference.nullish(),
  media_references: z.record(z.string(), MediaReference).nullish(),
  active_media_reference_key: z.string().nullish(),
});
export type Clip = z.infer<typeof Clip>;

export const Composition = z.looseObject({
  name: z.string().nullish(),
  kind: z.string().nullish(),
  source_range: TimeRange.nullish(),
  children: z.array(z.looseObject({ OTIO_SCHEMA: z.string() })),
});
export type Composition = z.infer<typeof Composition>;

export const Gap = z.looseObject({ source_range: TimeRange.nullish() });

export const Transition = z.looseObject({
  name: z.string().nullish(),
  transition_type: z.string().nullish(),
  in_offset: RationalTime.nullish(),
  out_offset: RationalTime.nullish(),
});
export type Transition = z.infer<typeof Transition>;

export const TimelineObject = z.looseObject({
  OTIO_SCHEMA: z.string().regex(/^Timeline\.\d+$/, 'expected a Timeline.N object'),
  name: z.string().nullish(),
  global_start_time: RationalTime.nullish(),
  tracks: z.looseObject({ OTIO_SCHEMA: z.string() }),
});
