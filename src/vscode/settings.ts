import * as vscode from 'vscode';
import { Delivery, ProfileVariableSetting } from '../delivery/processEnvironment';

export interface ExtensionSettings {
  readonly profile: string;
  readonly region: string;
  readonly expiryWindowSeconds: number;
  readonly durationSeconds: number;
  /** 0: a code per AssumeRole of an MFA role; else the length of an MFA session (GetSessionToken). */
  readonly mfaSessionSeconds: number;
  readonly roleSessionName: string;
  readonly productionProfiles: readonly string[];
  /** `empty` and `untouched` (before 0.2) read as `auto`: the interop matrix found no one they serve. */
  readonly profileVariable: ProfileVariableSetting;
  readonly debugInjection: boolean;
  readonly delivery: Delivery;
  /** The AWS CLI, for `aws sso login`. */
  readonly awsCliPath: string;
  /** Role sessions shared with the AWS CLI's cache (one MFA code for both). */
  readonly shareWithAwsCli: boolean;
  readonly console: {
    /** The AWS federation endpoint ('' = the partition's own). */
    readonly federationEndpoint: string;
    /** Where the console opens: '' (console home), a service path, or a console URL. */
    readonly destination: string;
    /** Console session length for long-term keys (GetFederationToken). */
    readonly sessionDurationSeconds: number;
  };
}

export const SECTION = 'awsRoleSwitcher';

export function readSettings(scope?: vscode.ConfigurationScope): ExtensionSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const num = (k: string, d: number, min: number, max: number): number => {
    const v = c.get<number>(k, d);
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : d;
  };
  return {
    profile: c.get<string>('profile', '').trim(),
    region: c.get<string>('region', '').trim(),
    expiryWindowSeconds: num('expiryWindowSeconds', 300, 0, 3600),
    durationSeconds: num('durationSeconds', 3600, 900, 43200),
    mfaSessionSeconds: ((v) => (v === 0 ? 0 : Math.max(900, v)))(num('mfaSessionDurationSeconds', 0, 0, 129600)),
    roleSessionName: c.get<string>('roleSessionName', '').trim(),
    productionProfiles: c.get<string[]>('productionProfiles', []).filter((s) => typeof s === 'string'),
    profileVariable: c.get<string>('terminal.profileVariable', 'auto') === 'activeProfile' ? 'activeProfile' : 'auto',
    debugInjection: c.get<boolean>('debug.injectCredentials', true),
    delivery: c.get<string>('terminal.delivery', 'environment') === 'endpoint' ? 'endpoint' : 'environment',
    awsCliPath: c.get<string>('awsCliPath', 'aws').trim() || 'aws',
    shareWithAwsCli: c.get<boolean>('shareSessionsWithAwsCli', true) !== false,
    console: {
      federationEndpoint: c.get<string>('console.federationEndpoint', '').trim(),
      destination: c.get<string>('console.destination', '').trim(),
      sessionDurationSeconds: num('console.sessionDurationSeconds', 43200, 900, 43200),
    },
  };
}
