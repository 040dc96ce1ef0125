/**
 * The MFA sessions of the window (see providers/mfaSession.ts), shared by every profile and
 * session built from the same long-term keys and MFA device: switching between two MFA roles of
 * one source profile, or opening a terminal pinned to another, asks for no second code. Sign Out
 * forgets them.
 */
import { RefreshingCredentials } from './refreshingCredentials';

export class MfaSessionStore {
  private readonly byKey = new Map<string, RefreshingCredentials>();

  get(key: string, create: () => RefreshingCredentials): RefreshingCredentials {
    let h = this.byKey.get(key);
    if (h === undefined) {
      h = create();
      this.byKey.set(key, h);
    }
    return h;
  }

  clear(): void {
    for (const h of this.byKey.values()) h.dispose();
    this.byKey.clear();
  }
}
