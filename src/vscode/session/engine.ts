/** The credential engine as the edge runs it: real clock, files, processes, HTTP and STS, the current settings. */
import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Deps } from '../../credentials/deps';
import { MfaSessionStore } from '../../credentials/mfaSessionStore';
import { nodeReadCacheFile, nodeReadCacheText, nodeTryLock, nodeUserName, nodeWriteTextPrivate } from '../../credentials/nodeDeps';
import { nodeHttp } from '../../credentials/nodeHttp';
import { nodeRunProcess } from '../../credentials/nodeProcess';
import { TokenProvider } from '../../credentials/providers/assumeRole';
import { newSsoTokenState } from '../../credentials/providers/ssoToken';
import { realTimers } from '../../credentials/refreshingCredentials';
import { SessionManager, SessionSnapshot } from '../../credentials/session';
import { StsApi, sdkSts } from '../../credentials/sts';
import { Credentials } from '../../credentials/types';
import { CliRoleCache } from '../../delivery/cliCache';
import { ConfigFiles, emptyConfig } from '../editor/configFiles';
import { ExtensionSettings } from '../settings';

export class Engine {
  private sts: StsApi | undefined;
  /** IAM Identity Center tokens being renewed, shared by every session of the window. */
  private readonly ssoTokens = newSsoTokenState();
  /** MFA sessions (GetSessionToken), shared by every session of the window. */
  readonly mfaSessions = new MfaSessionStore();
  /** The AWS CLI's role-session cache (~/.aws/cli/cache): one MFA code for VS Code and the CLI. */
  private readonly cliCache = new CliRoleCache({
    dir: join(homedir(), '.aws', 'cli', 'cache'),
    readText: nodeReadCacheText,
    writeText: nodeWriteTextPrivate,
    remove: (p) => rm(p, { force: true }),
    now: Date.now,
  });

  /** Sign Out: the AWS CLI forgets the sessions this window shared with it, too. */
  forgetSharedSessions(): Promise<void> {
    return this.cliCache.forgetAll();
  }

  constructor(
    private readonly o: {
      readonly files: ConfigFiles;
      readonly settings: () => ExtensionSettings;
      readonly tokenProvider: TokenProvider;
    },
  ) {}

  /** The STS client; the SDK itself loads on the first call. */
  stsApi(): StsApi {
    this.sts ??= sdkSts({ userAgent: 'aws-role-switcher' });
    return this.sts;
  }

  /** A GetSessionToken session for `session`'s long-term keys, from the STS its chain uses. */
  async mintSession(longTerm: Credentials, session: SessionManager): Promise<Credentials> {
    const target = session.builtChain()?.target;
    if (target === undefined) throw new Error('no STS target for the session');
    return this.stsApi().getSessionToken(longTerm, { durationSeconds: this.o.settings().durationSeconds }, target);
  }

  deps(): Deps {
    const s = this.o.settings();
    return {
      env: process.env,
      now: Date.now,
      timers: realTimers,
      sts: this.stsApi(),
      // Token files and caches only (the config files have their own reader): small, regular files.
      readFile: nodeReadCacheFile,
      runProcess: nodeRunProcess,
      http: nodeHttp,
      tokenProvider: this.o.tokenProvider,
      userName: nodeUserName(),
      ssoCacheDir: this.o.files.ssoCacheDir(),
      loginCacheDir: this.o.files.loginCacheDir(),
      writeTextPrivate: nodeWriteTextPrivate,
      ssoTokens: this.ssoTokens,
      tryLock: nodeTryLock,
      ...(s.shareWithAwsCli ? { roleCache: this.cliCache } : {}),
      mfaSessions: this.mfaSessions,
      settings: {
        durationSeconds: s.durationSeconds,
        mfaSessionSeconds: s.mfaSessionSeconds,
        roleSessionName: s.roleSessionName,
        regionOverride: s.region,
        expiryWindowMs: s.expiryWindowSeconds * 1000,
      },
    };
  }

  /** A session over the current config files and settings. */
  newSession(onChange: (s: SessionSnapshot) => void): SessionManager {
    return new SessionManager({ config: () => this.o.files.current ?? emptyConfig(), deps: () => this.deps(), onChange });
  }
}
