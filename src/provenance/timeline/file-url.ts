/**
 * Timelines name media as URLs (`file://localhost/D%3a/media/a.mov`, `file:///Volumes/x.mov`) or as
 * plain paths. The scanner matches on the file name, so this turns either into a decoded path
 * without touching the file system (timelines come from other machines).
 */
export function urlToPath(url: string): string {
  const trimmed = url.trim();
  const match = /^file:\/\/([^/]*)(\/.*)?$/i.exec(trimmed);
  const rawPath = match === null ? trimmed : (match[2] ?? '');
  let decoded = rawPath;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    // A stray `%` in a hand-written path: keep it as written rather than lose the reference.
  }
  // `/D:/media/a.mov` is a Windows drive path written as a URL.
  return /^\/[A-Za-z]:[\\/]/.test(decoded) ? decoded.slice(1) : decoded;
}

/** The last path segment, for either separator, since timelines from Windows use backslashes. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.at(-1) ?? path;
}
