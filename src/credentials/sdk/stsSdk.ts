/**
 * The only module that imports the AWS SDK. It is bundled separately (dist/sts-client.js) and
 * loaded on first use, so activation does not parse ~450 KB of SDK code.
 */
export {
  STSClient,
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSServiceException,
} from '@aws-sdk/client-sts';
