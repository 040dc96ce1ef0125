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
