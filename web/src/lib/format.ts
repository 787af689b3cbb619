import i18next from 'i18next';

/*
 * Dates, numbers and durations through Intl in the current language, so "3 giorni fa" and
 * "1.234" come out right in Italian without per-string work. Formatters are cached per
 * language: building one is slow compared with using it.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: (lng: string) => T,
): T {
  const lng = i18next.language || 'en';
  const full = `${lng}|${key}`;
  let formatter = cache.get(full);
  if (formatter === undefined) {
    formatter = make(lng);
    cache.set(full, formatter);
  }
  return formatter as T;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return cached('date', (lng) => new Intl.DateTimeFormat(lng, { dateStyle: 'medium' })).format(new Date(iso));
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return cached(
    'datetime',
    (lng) => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(new Date(iso));
}

export function formatMonth(yyyyMm: string): string {
  return cached(
    'month',
    (lng) => new Intl.DateTimeFormat(lng, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
  ).format(new Date(`${yyyyMm}-01T00:00:00Z`));
}

export function formatNumber(n: number): string {
  return cached('number', (lng) => new Intl.NumberFormat(lng)).format(n);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A duration in the largest sensible unit: "5 hours", "3 days" ("5 ore", "3 giorni"). */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) {
    return cached(
      'days',
      (lng) =>
        new Intl.NumberFormat(lng, {
          style: 'unit',
          unit: 'day',
          unitDisplay: 'long',
          maximumFractionDigits: 1,
        }),
    ).format(abs / DAY);
  }
  if (abs >= HOUR) {
    return cached(
      'hours',
      (lng) =>
        new Intl.NumberFormat(lng, {
          style: 'unit',
          unit: 'hour',
          unitDisplay: 'long',
          maximumFractionDigits: 0,
        }),
    ).format(abs / HOUR);
  }
  return cached(
    'minutes',
    (lng) =>
      new Intl.NumberFormat(lng, {
        style: 'unit',
        unit: 'minute',
        unitDisplay: 'long',
        maximumFractionDigits: 0,
      }),
  ).format(Math.max(1, abs / 60_000));
}

/** "3 days ago" / "3 giorni fa". */
export function formatAgo(iso: string, now = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  const rtf = cached('relative', (lng) => new Intl.RelativeTimeFormat(lng, { numeric: 'auto' }));
  if (Math.abs(ms) >= DAY) return rtf.format(Math.round(ms / DAY), 'day');
  if (Math.abs(ms) >= HOUR) return rtf.format(Math.round(ms / HOUR), 'hour');
  return rtf.format(Math.round(ms / 60_000), 'minute');
}
