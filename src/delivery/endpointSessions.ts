/**
 * The container-credentials protocol carries session credentials only: botocore (AWS CLI, boto3)
 * fails with `'Token'` and the JS SDK with "Could not load credentials from any providers" when the
 * endpoint serves long-term IAM user keys without a token. So, as aws-vault does for its endpoint,
 * long-term keys are exchanged for a session (GetSessionToken) before they are served; the session is
 * kept and renewed ahead of its expiry.
 */
import { Credentials } from '../credentials/types';

/** GetSessionToken with the given long-term keys. */
export type MintSession = (longTerm: Credentials) => Promise<Credentials>;

const MAX_SESSIONS = 16;

export class EndpointSessions {
  private readonly sessions = new Map<string, { readonly creds: Promise<Credentials>; readonly until: () => number }>();

  constructor(
    private readonly o: {
      readonly now: () => number;
      /** Renew this long before the session expires. */
      readonly expiryWindowMs: () => number;
    },
  ) {}

  /** What the endpoint may serve for `c`: `c` itself when it is a session, else a session minted from it. */
  async servable(c: Credentials, mint: MintSession): Promise<Credentials> {
    if (c.sessionToken !== undefined) return c;
    const key = `${c.accessKeyId}\n${c.secretAccessKey}`;
    const held = this.sessions.get(key);
    if (held !== undefined && held.until() > this.o.now() + this.o.expiryWindowMs()) return held.creds;
    const creds = mint(c);
    let expires = Number.POSITIVE_INFINITY;
    const entry = { creds, until: () => expires };
    this.sessions.delete(key);
    this.sessions.set(key, entry);
    // A few key pairs at once (the window, folders, pinned terminals); the oldest goes first.
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
    try {
      const s = await creds;
      expires = s.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
      return s;
    } catch (e) {
      if (this.sessions.get(key) === entry) this.sessions.delete(key);
      throw e;
    }
  }
}
