/**
 * What the scanner treats as media, by file extension. Extension, not content sniffing, because
 * the walk must decide cheaply for every file; the readers then look at the bytes themselves.
 */
export type MediaKind = 'image' | 'video' | 'audio' | 'document';

export type MediaType = { readonly mime: string; readonly kind: MediaKind };

const TYPES: Readonly<Record<string, MediaType>> = {
  jpg: { mime: 'image/jpeg', kind: 'image' },
  jpeg: { mime: 'image/jpeg', kind: 'image' },
  png: { mime: 'image/png', kind: 'image' },
  gif: { mime: 'image/gif', kind: 'image' },
  webp: { mime: 'image/webp', kind: 'image' },
  tif: { mime: 'image/tiff', kind: 'image' },
  tiff: { mime: 'image/tiff', kind: 'image' },
  heic: { mime: 'image/heic', kind: 'image' },
  heif: { mime: 'image/heif', kind: 'image' },
  avif: { mime: 'image/avif', kind: 'image' },
  dng: { mime: 'image/x-adobe-dng', kind: 'image' },
  exr: { mime: 'image/x-exr', kind: 'image' },
  dpx: { mime: 'image/x-dpx', kind: 'image' },
  svg: { mime: 'image/svg+xml', kind: 'image' },
  mp4: { mime: 'video/mp4', kind: 'video' },
  m4v: { mime: 'video/mp4', kind: 'video' },
  mov: { mime: 'video/quicktime', kind: 'video' },
  mxf: { mime: 'application/mxf', kind: 'video' },
  avi: { mime: 'video/x-msvideo', kind: 'video' },
  mkv: { mime: 'video/x-matroska', kind: 'video' },
  webm: { mime: 'video/webm', kind: 'video' },
  wav: { mime: 'audio/wav', kind: 'audio' },
  aif: { mime: 'audio/aiff', kind: 'audio' },
  aiff: { mime: 'audio/aiff', kind: 'audio' },
  mp3: { mime: 'audio/mpeg', kind: 'audio' },
  m4a: { mime: 'audio/mp4', kind: 'audio' },
  flac: { mime: 'audio/flac', kind: 'audio' },
  pdf: { mime: 'application/pdf', kind: 'document' },
};

export function mediaTypeOf(fileName: string): MediaType | null {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return null;
  return TYPES[fileName.slice(dot + 1).toLowerCase()] ?? null;
}
