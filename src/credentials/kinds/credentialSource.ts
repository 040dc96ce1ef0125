/** `credential_source`: the role's source is the environment, the EC2 instance metadata service or the container endpoint. */
import { Section, get } from '../../config/profiles';
import { ContainerProvider, ImdsProvider } from '../providers/containers';
import { EnvironmentProvider } from '../providers/environment';
import { textReader } from '../deps';
import { CredentialsError, text } from '../types';
import { CredentialKind, configError } from './kind';

export type NamedSource = 'Environment' | 'Ec2InstanceMetadata' | 'EcsContainer';
export const NAMED_SOURCES: readonly NamedSource[] = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];

export interface CredentialSourceSpec {
  readonly kind: 'credential-source';
  readonly profile: string;
  readonly source: NamedSource;
}

/** `value` as a source (any case, as the SDKs), or what to write instead. */
export function namedSource(section: Section, value: string): CredentialSourceSpec | CredentialsError {
  const match = NAMED_SOURCES.find((s) => s.toLowerCase() === value.toLowerCase());
  if (match === undefined) {
    return configError(section.name, text`The credential_source "${value}" is not supported.`, text`Use one of: ${NAMED_SOURCES.join(', ')}.`);
  }
  return { kind: 'credential-source', profile: section.name, source: match };
}

export const credentialSource: CredentialKind<CredentialSourceSpec> = {
  keys: ['credential_source'],
  words: 'credential source',
  givesRoleSession: false,
  unchanging: false,
  longTermKeyId: () => undefined,
  recognise: (section) => {
    const value = get(section, 'credential_source');
    return value !== undefined ? namedSource(section, value) : undefined;
  },
  provider: (spec, { section, deps }) => {
    if (spec.source === 'Environment') return new EnvironmentProvider(deps.env);
    if (spec.source === 'EcsContainer') return new ContainerProvider(deps.env, deps.http, textReader(deps));
    return new ImdsProvider(deps.env, deps.http, get(section, 'ec2_metadata_service_endpoint'));
  },
  step: (spec) => text`credentials from ${spec.source}`,
  facts: (spec) => ({ kind: spec.source === 'Environment' ? 'environment' : spec.source === 'EcsContainer' ? 'container' : 'instance' }),
};
