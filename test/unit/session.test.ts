/**
 * SessionManager: the window's (or a folder's, or a pinned terminal's) session. Switching is
 * atomic; a later switch supersedes an earlier one still under way; a failed switch keeps the old
 * session; signing out during a refresh leaves nothing behind. STS is scripted, time is virtual.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Deps } from '../../src/credentials/deps';
import { SessionManager, SessionSnapshot } from '../../src/credentials/session';
import { AssumeRoleInput, StsApi } from '../../src/credentials/sts';
import { Credentials, CredentialsError } from '../../src/credentials/types';
import { FakeClock, profilesFrom, settle } from './helpers';

const CONFIG = `[profile base]
region = eu-west-1
[profile dev]
role_arn = arn:aws:iam::111111111111:role/Dev
source_profile = base
region = ap-southeast-2
[profile prod]
role_arn = arn:aws:iam::222222222222:role/Prod
source_profile = base
[profile broken]
role_arn = arn:aws:iam::333333333333:role/Broken
source_profile = base
`;
const CREDENTIALS = '[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n';

/** AssumeRole answers when the test says so: `release(role)` or `fail(role)`. */
class ScriptedSts implements StsApi {
  readonly calls: string[] = [];
  private readonly waiting = new Map<string, Array<{ resolve: (c: Credentials) => void; reject: (e: unknown) => void; input: AssumeRoleInput }>>();
  private n = 0;
  constructor(private readonly clock: FakeClock) {}

  assumeRole(_source: Credentials, input: AssumeRoleInput): Promise<Credentials> {
    const role = input.roleArn.split('/').pop() ?? '';
    this.calls.push(role);
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(role) ?? [];
      list.push({ resolve, reject, input });
      this.waiting.set(role, list);
    });
  }
  release(role: string): void {
    const w = this.waiting.get(role)?.shift();
    assert.ok(w, `an AssumeRole of ${role} is waiting`);
    const n = ++this.n;
    w.resolve({
      accessKeyId: `ASIA${role.toUpperCase()}${n}`,
      secretAccessKey: `secret-${n}`,
      sessionToken: `token-${n}`,
      expiration: new Date(this.clock.now() + 3600_000),
      arn: `${w.input.roleArn.replace(':iam:', ':sts:').replace(':role/', ':assumed-role/')}/${w.input.roleSessionName}`,
    });
  }
  fail(role: string, code = 'AccessDenied'): void {
    const w = this.waiting.get(role)?.shift();
    assert.ok(w, `an AssumeRole of ${role} is waiting`);
    w.reject(new CredentialsError(`STS ${code}: not allowed.`, { code: 'AccessDenied', stsCode: code }));
  }
  assumeRoleWithWebIdentity(): Promise<Credentials> {
    return Promise.reject(new Error('not scripted'));
  }
  getSessionToken(): Promise<Credentials> {
    return Promise.reject(new Error('not scripted'));
  }
  getCallerIdentity(): Promise<never> {
    return Promise.reject(new Error('not scripted'));
  }
  getFederationToken(): Promise<never> {
    return Promise.reject(new Error('not scripted'));
  }
}

function setup(): { session: SessionManager; sts: ScriptedSts; clock: FakeClock; snapshots: SessionSnapshot[] } {
  const clock = new FakeClock();
  const sts = new ScriptedSts(clock);
  const set = profilesFrom(CONFIG, CREDENTIALS);
  const deps: Deps = {
    env: {},
    now: clock.now,
    timers: clock,
    sts,
    readFile: () => Promise.reject(new Error('no files')),
    runProcess: () => Promise.reject(new Error('no processes')),
    http: () => Promise.reject(new Error('no network')),
    userName: 'tester',
    ssoCacheDir: '/nonexistent',
    loginCacheDir: '/nonexistent',
    writeTextPrivate: () => Promise.reject(new Error('no files')),
    settings: { expiryWindowMs: 300_000 },
  };
  const snapshots: SessionSnapshot[] = [];
  const session = new SessionManager({ config: () => set, deps: () => deps, onChange: (s) => snapshots.push(s) });
  return { session, sts, clock, snapshots };
}

const I = { interactive: true };

describe('SessionManager', () => {
  it('a switch makes the profile active only once its credentials arrived', async () => {
    const { session, sts, snapshots } = setup();
    const done = session.activate('dev', I);
    await settle();
    assert.equal(session.profile, undefined, 'nothing is active while STS is asked');
    assert.equal(snapshots.length, 0);
    sts.release('Dev');
    await done;
    assert.equal(session.profile, 'dev');
    const s = session.snapshot();
    assert.equal(s.status, 'active');
    assert.equal(s.accountId, '111111111111');
    assert.equal(s.region, 'ap-southeast-2', "the selected profile's region, not its source's (as the AWS CLI)");
    assert.match(s.arn ?? '', /assumed-role\/Dev\/tester$/);
    assert.equal(snapshots.at(-1)?.profile, 'dev');
    session.dispose();
  });

  it('a switch superseded by a later one is cancelled, and the later one wins whatever order STS answers in', async () => {
    const { session, sts } = setup();
    const first = session.activate('dev', I);
    const second = session.activate('prod', I);
    await settle();
    sts.release('Prod');
    await second;
    assert.equal(session.profile, 'prod');
    sts.release('Dev'); // the first answer arrives late
    await assert.rejects(first, (e: unknown) => e instanceof CredentialsError && e.code === 'Cancelled');
    assert.equal(session.profile, 'prod', 'the late answer does not take over');
    assert.match(session.credentials()?.accessKeyId ?? '', /^ASIAPROD/);
    session.dispose();
  });

  it('a failed switch keeps the old session as it was', async () => {
    const { session, sts } = setup();
    const ok = session.activate('dev', I);
    await settle();
    sts.release('Dev');
    await ok;
    const before = session.credentials();
    const bad = session.activate('broken', I);
    await settle();
    sts.fail('Broken');
    await assert.rejects(bad, (e: unknown) => e instanceof CredentialsError && e.code === 'AccessDenied');
    assert.equal(session.profile, 'dev');
    assert.equal(session.credentials(), before, 'the same credentials, not a copy or a refresh');
    assert.equal(session.snapshot().status, 'active');
    session.dispose();
  });

  it('a configuration error fails the switch before any STS call', async () => {
    const { session, sts } = setup();
    await assert.rejects(session.activate('missing', I), (e: unknown) => e instanceof CredentialsError && e.code === 'Config');
    assert.deepEqual(sts.calls, []);
  });

  it('signing out during a refresh leaves no session, and the refresh that lands later changes nothing', async () => {
    const { session, sts, clock, snapshots } = setup();
    const ok = session.activate('dev', I);
    await settle();
    sts.release('Dev');
    await ok;
    const refreshing = session.refresh(I);
    await settle();
    assert.equal(session.snapshot().status, 'refreshing');
    session.signOut();
    assert.equal(session.profile, undefined);
    assert.equal(snapshots.at(-1)?.status, 'none');
    const count = snapshots.length;
    sts.release('Dev');
    await refreshing.catch(() => undefined);
    await settle();
    assert.equal(session.profile, undefined);
    assert.equal(session.credentials(), undefined);
    assert.equal(snapshots.length, count, 'no snapshot after the sign-out');
    await clock.advance(2 * 3600_000);
    assert.equal(sts.calls.filter((r) => r === 'Dev').length, 2, 'no refresh timer survives the sign-out');
    assert.equal(clock.timerCount, 0);
  });

  it('refreshes before expiry in the background, and a config change rebuilds the chain', async () => {
    const { session, sts, clock } = setup();
    const ok = session.activate('dev', I);
    await settle();
    sts.release('Dev');
    await ok;
    const first = session.credentials()?.accessKeyId;
    await clock.advance(3600_000 - 300_000 + 1000); // into the expiry window
    assert.equal(sts.calls.length, 2, 'a background refresh was started');
    sts.release('Dev');
    await settle();
    assert.notEqual(session.credentials()?.accessKeyId, first);
    session.configChanged();
    assert.equal(session.configGeneration, 1);
    session.dispose();
  });
});
