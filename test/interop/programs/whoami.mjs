// Prints the caller's ARN as the JS SDK v3 default credential chain resolves credentials.
// The STS endpoint comes from ARS_INTEROP_ENDPOINT, so the call reaches the fake STS.
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';

const endpoint = process.env.ARS_INTEROP_ENDPOINT;
const client = new STSClient({ region: process.env.AWS_REGION || 'us-east-1', ...(endpoint ? { endpoint } : {}) });
try {
  const r = await client.send(new GetCallerIdentityCommand({}));
  console.log(r.Arn);
} catch (e) {
  console.log(`ERROR: ${String(e && e.message ? e.message : e).replace(/\s+/g, ' ')}`);
  process.exitCode = 1;
}
