/** Durations for people, through Intl in the page's language. No Lit, no DOM. */

const formats = new Map<string, Intl.NumberFormat>();
const unit = (locale: string, u: 'second' | 'minute' | 'hour' | 'day') => {
  const key = `${locale}|${u}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' });
    formats.set(key, f);
  }
  return f;
};

/** A short age such as "45 sec", "3 min", "2 hr 5 min", "3 days" (as the locale writes them). */
export function formatAge(ms: number, locale = 'en'): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return unit(locale, 'second').format(s);
  const min = Math.floor(s / 60);
  if (min < 60) return unit(locale, 'minute').format(min);
  const h = Math.floor(min / 60);
  if (h < 24)
    return min % 60 ? `${unit(locale, 'hour').format(h)} ${unit(locale, 'minute').format(min % 60)}` : unit(locale, 'hour').format(h);
  return unit(locale, 'day').format(Math.floor(h / 24));
}

/** Time left as m:ss. */
export function formatCountdown(ms: number): string {
  const s = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
