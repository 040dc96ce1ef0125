import { Timers } from '../../src/credentials/refreshingCredentials';
import { parseProfileFile } from '../../src/config/parser';
import { ProfileSet, buildProfileSet } from '../../src/config/profiles';

/** A virtual clock with timers: `advance()` runs due timers in order. Tests never sleep. */
export class FakeClock implements Timers {
  private t: number;
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  constructor(start = Date.UTC(2026, 10, 24, 12, 0, 0)) {
    this.t = start;
  }
  now = (): number => this.t;
  /** As Node's: a delay above 2^31-1 ms, below 1 ms or NaN fires after 1 ms. */
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    const delay = Number.isFinite(ms) && ms >= 1 && ms <= 2_147_483_647 ? ms : 1;
    this.pending.set(id, { at: this.t + delay, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.pending.delete(h as number);
  }
  get timerCount(): number {
    return this.pending.size;
  }
  /** Moves time forward, running each due timer at its time and letting promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.pending) if (e[1].at <= end && (next === undefined || e[1].at < next[1].at)) next = e;
      if (next === undefined) break;
      this.pending.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
}

/** Lets pending promise chains (including real loopback HTTP) run. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

export function profilesFrom(config: string, credentials = ''): ProfileSet {
  return buildProfileSet([
    { raw: parseProfileFile(config, '~/.aws/config'), kind: 'config' },
    { raw: parseProfileFile(credentials, '~/.aws/credentials'), kind: 'credentials' },
  ]);
}

export async function waitFor(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** mulberry32: a small seeded generator, so a failure can be replayed (fuzz, soak, parser forms). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
