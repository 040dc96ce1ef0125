/** Pure formatting for the edge (no vscode import, so unit tests reach it). */

/** Time left as the status bar shows it: `42s`, `17m`, `1h05m`, `expired`. */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return `${h}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * A moment as every message shows it: the clock time in the person's locale (hours and minutes),
 * with the date when it is not the day of `now` — "14:05" or "2:05 PM", "Dec 7, 14:05".
 */
export function formatClock(d: Date, now: Date = new Date(), locale?: string): string {
  const time = d.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
  if (d.toDateString() === now.toDateString()) return time;
  return `${d.toLocaleDateString(locale, { month: 'short', day: 'numeric' })}, ${time}`;
}
