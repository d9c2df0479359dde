// Small statistics for the bench's repeated runs.
export const sorted = (xs) => [...xs].sort((a, b) => a - b);

export function quantile(xs, q) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

export const median = (xs) => quantile(xs, 0.5);
export const max = (xs) => (xs.length ? Math.max(...xs) : 0);
export const round = (x, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** median, p95, min, max of a sample, rounded, with its size */
export const summary = (xs, digits = 1) => ({
  median: round(median(xs), digits),
  p95: round(quantile(xs, 0.95), digits),
  min: round(Math.min(...xs), digits),
  max: round(max(xs), digits),
  n: xs.length,
});
