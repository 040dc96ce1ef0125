/** `web_identity_token_file` with `role_arn`: AssumeRoleWithWebIdentity, a base of its own (not a chained role). */
import { Section, get } from '../../config/profiles';
import { accountOfArn, roleNameOfArn } from '../arn';
import { intSetting, sessionNameFor } from '../profileSettings';
import { WebIdentityProvider } from '../providers/webIdentity';
import { resolveStsTarget } from '../stsEndpoint';
import { text } from '../types';
import { CredentialKind, configError } from './kind';

export interface WebIdentitySpec {
  readonly kind: 'web-identity';
  readonly profile: string;
  readonly roleArn: string;
  readonly tokenFile: string;
  readonly sessionName?: string;
}

export const webIdentity: CredentialKind<WebIdentitySpec> = {
  keys: ['web_identity_token_file'],
  words: 'web identity',
  givesRoleSession: true,
  unchanging: false,
  longTermKeyId: () => undefined,
  recognise: (section) => {
    const tokenFile = get(section, 'web_identity_token_file');
    if (tokenFile === undefined) return undefined;
    const roleArn = get(section, 'role_arn');
    if (roleArn === undefined)
      return configError(section.name, 'The setting role_arn is missing (web_identity_token_file is set).', 'Add the role_arn to assume with the token.');
    const sessionName = get(section, 'role_session_name');
    return { kind: 'web-identity', profile: section.name, roleArn, tokenFile, ...(sessionName !== undefined ? { sessionName } : {}) };
  },
  provider: (spec, { set, section, deps }) => {
    const s = section as Section;
    const duration = intSetting(s, 'duration_seconds');
    return new WebIdentityProvider({
      profile: spec.profile,
      roleArn: spec.roleArn,
      tokenFile: spec.tokenFile,
      roleSessionName: spec.sessionName ?? sessionNameFor(s, deps),
      ...(duration !== undefined ? { durationSeconds: duration } : {}),
      readFile: deps.readFile,
      sts: deps.sts,
      target: resolveStsTarget(set, s, deps.env, deps.settings.regionOverride),
    });
  },
  step: (spec) => text`assume role ${spec.roleArn} with the web identity token in ${spec.tokenFile}`,
  facts: (spec) => {
    const account = accountOfArn(spec.roleArn);
    const roleName = roleNameOfArn(spec.roleArn);
    return {
      kind: 'web-identity',
      roleArn: spec.roleArn,
      ...(account !== undefined ? { accountId: account } : {}),
      ...(roleName !== undefined ? { roleName } : {}),
    };
  },
};
