/**
 * The lock VS Code windows (and the AWS CLI's users of the same cache) take on a shared token
 * cache before renewing it, so one refresh token is used once: `<file>.lock`, waited for up to 10 s.
 */

export type TryLock = (path: string) => Promise<(() => Promise<void>) | undefined>;

const LOCK_WAIT_STEP_MS = 200;
const LOCK_WAIT_STEPS = 50;

/** The lock on `file`: its release, or undefined after 10 s (or without locking: `tryLock` unset). */
export async function waitForLock(
  file: string,
  tryLock: TryLock | undefined,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise<void>((r) => setTimeout(r, ms)),
): Promise<(() => Promise<void>) | undefined> {
  if (tryLock === undefined) return undefined;
  for (let i = 0; i < LOCK_WAIT_STEPS; i++) {
    const release = await tryLock(`${file}.lock`);
    if (release !== undefined) return release;
    await sleep(LOCK_WAIT_STEP_MS);
  }
  return undefined;
}
