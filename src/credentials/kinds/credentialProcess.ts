/** `credential_process`: a program that prints credentials as JSON. */
import { get } from '../../config/profiles';
import { ProcessProvider } from '../providers/process';
import { text } from '../types';
import { CredentialKind } from './kind';
import { keysInCredentialsFile } from './staticKeys';

export interface ProcessSpec {
  readonly kind: 'process';
  readonly profile: string;
  readonly command: string;
  readonly accountId?: string;
}

export const credentialProcess: CredentialKind<ProcessSpec> = {
  keys: ['credential_process'],
  words: 'credential process',
  givesRoleSession: false,
  unchanging: false,
  longTermKeyId: () => undefined,
  recognise: (section) => {
    const command = get(section, 'credential_process');
    // botocore (the AWS CLI) asks the credentials file for keys before it runs credential_process,
    // and the config file's keys after it; the JS SDK also prefers the keys.
    if (command === undefined || keysInCredentialsFile(section)) return undefined;
    const accountId = get(section, 'aws_account_id');
    return { kind: 'process', profile: section.name, command, ...(accountId !== undefined ? { accountId } : {}) };
  },
  provider: (spec, { deps }) => new ProcessProvider(spec.profile, spec.command, deps.runProcess, deps.settings.processTimeoutMs ?? 60_000, spec.accountId),
  step: (spec) => text`runs credential_process (${spec.command.trim().split(/\s+/)[0] ?? ''})`,
  facts: (spec) => ({ kind: 'process', ...(spec.accountId !== undefined ? { accountId: spec.accountId } : {}) }),
};
