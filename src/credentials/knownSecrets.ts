/**
 * The secret values this extension host has held (secret keys, session tokens, IAM Identity Center
 * tokens and client secrets, web identity tokens, MFA codes), so redaction can find them by value in
 * any encoding a program or a library may have put them in — not only by their shape. Bounded: the
 * most recent values are kept; older ones have expired long ago.
 */

/** Found in any text when at least this many characters of a secret appear in a row. */
export const WINDOW = 16;
const MAX_VALUES = 64;

/** base64url and base64 are one alphabet here: a secret re-encoded either way is still found. */
export function canonical(c: string): string {
  return c === '-' ? '+' : c === '_' ? '/' : c;
}

export class KnownSecrets {
  private readonly order: string[] = [];
  private windowSet: Set<string> | undefined;
  private short: string[] | undefined;
  private codes: string[] | undefined;

  /** Remembers a secret; values shorter than 4 characters cannot be told from ordinary text. */
  add(...values: Array<string | undefined>): void {
    for (const v of values) {
      if (v === undefined || v.length < 4) continue;
      const at = this.order.indexOf(v);
      if (at >= 0) this.order.splice(at, 1);
      this.order.push(v);
      if (this.order.length > MAX_VALUES) this.order.shift();
      this.windowSet = this.short = this.codes = undefined;
    }
  }

  /** Every WINDOW-character run of every long secret, canonical. */
  windows(): ReadonlySet<string> {
    if (this.windowSet === undefined) {
      const set = new Set<string>();
      for (const v of this.order) {
        if (v.length < WINDOW || /^\d+$/.test(v)) continue;
        const c = Array.from(v, canonical).join('');
        for (let i = 0; i + WINDOW <= c.length; i++) set.add(c.slice(i, i + WINDOW));
      }
      this.windowSet = set;
    }
    return this.windowSet;
  }

  /** Secrets too short for windows, replaced where they appear whole. */
  shortValues(): readonly string[] {
    this.short ??= this.order.filter((v) => v.length < WINDOW && !/^\d+$/.test(v));
    return this.short;
  }

  /** Numeric secrets (MFA codes), replaced where they stand as a number of their own. */
  numbers(): readonly string[] {
    this.codes ??= this.order.filter((v) => /^\d+$/.test(v));
    return this.codes;
  }

  get size(): number {
    return this.order.length;
  }

  clear(): void {
    this.order.length = 0;
    this.windowSet = this.short = this.codes = undefined;
  }
}

/** What this extension host has held; the providers add to it, redact() reads it. */
export const knownSecrets = new KnownSecrets();
