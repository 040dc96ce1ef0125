/** The console sign-in URL, through the fake's federation endpoint and the real STS client. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConsoleSignInError,
  FEDERATION_POLICY,
  consoleDestination,
  consoleSignInUrl,
  consoleUrlFor,
  federationEndpoint,
  federationName,
  partitionOf,
} from '../../src/delivery/consoleSignIn';
import { StsApi } from '../../src/credentials/sts';
import { nodeHttp } from '../../src/credentials/nodeHttp';
import { sdkSts } from '../../src/credentials/sts';
import { createDemoSts, DEMO } from '../fakeSts/demoWorld';
import { ConsoleLogin, FakeSts } from '../fakeSts/server';

describe('console sign-in', () => {
  let sts: FakeSts;
  let url = '';
  const api = sdkSts();
  const target = () => ({ region: 'eu-west-1', endpoint: url, via: 'test' });
  before(async () => {
    sts = createDemoSts();
    url = await sts.start();
  });
  after(async () => {
    await sts.stop();
  });

  /** Follows the login URL as a browser would, up to the redirect. */
  async function signIn(login: string): Promise<ConsoleLogin> {
    const before = sts.consoleLogins.length;
    const r = await nodeHttp(login, { method: 'GET', headers: {}, timeoutMs: 5000 });
    assert.equal(r.status, 302, r.body);
    assert.equal(sts.consoleLogins.length, before + 1);
    return sts.consoleLogins.at(-1) as ConsoleLogin;
  }

  it('a role session signs in to the console of its Region, as the role', async () => {
    const role = await api.assumeRole(DEMO.user, { roleArn: DEMO.roles.dev, roleSessionName: 'jane' }, target());
    const destination = consoleDestination('aws', 'eu-west-1', '');
    const login = await consoleSignInUrl(role, { http: nodeHttp, endpoint: `${url}/federation`, destination, issuer: 'AWS Role Switcher' });
    const seen = await signIn(login);
    assert.equal(seen.arn, 'arn:aws:sts::222222222222:assumed-role/Developer/jane');
    assert.equal(seen.destination, 'https://console.aws.amazon.com/console/home?region=eu-west-1');
    assert.equal(seen.issuer, 'AWS Role Switcher');
    assert.equal(seen.sessionDuration, undefined, 'a role session keeps its own length');
  });

  it('long-term keys first get federation credentials (GetFederationToken), with the session length asked for', async () => {
    await assert.rejects(
      consoleSignInUrl(DEMO.user, { http: nodeHttp, endpoint: `${url}/federation`, destination: 'https://console.aws.amazon.com/' }),
      /long-term keys/,
    );
    const fed = await api.getFederationToken(DEMO.user, { name: federationName('jane.doe'), policy: FEDERATION_POLICY, durationSeconds: 3600 }, target());
    assert.equal(fed.arn, 'arn:aws:sts::111111111111:federated-user/jane.doe');
    const login = await consoleSignInUrl(fed, {
      http: nodeHttp,
      endpoint: `${url}/federation`,
      destination: consoleDestination('aws', 'us-east-2', 's3/home'),
      sessionDurationSeconds: 7200,
    });
    const seen = await signIn(login);
    assert.equal(seen.arn, 'arn:aws:sts::111111111111:federated-user/jane.doe');
    assert.equal(seen.destination, 'https://console.aws.amazon.com/s3/home?region=us-east-2');
    assert.equal(seen.sessionDuration, 7200);
  });

  it('GetSessionToken credentials are refused with a hint, and the error holds no secret', async () => {
    const session = await api.getSessionToken(DEMO.user, { durationSeconds: 900 }, target());
    await assert.rejects(
      consoleSignInUrl(session, { http: nodeHttp, endpoint: `${url}/federation`, destination: 'https://console.aws.amazon.com/' }),
      (e: unknown) => {
        const text = `${(e as Error).message} ${(e as { hint: string }).hint}`;
        assert.match(text, /refused the session \(HTTP 400\).*GetSessionToken/);
        assert.ok(!text.includes(session.secretAccessKey) && !text.includes(session.sessionToken ?? '-'));
        return true;
      },
    );
  });

  it('session keys of a partition without a known sign-in (ISO, European Sovereign Cloud) go to no endpoint', async () => {
    const cases: Array<[string | undefined, string | undefined, string]> = [
      ['arn:aws-iso:sts::111111111111:assumed-role/R/s', 'us-iso-east-1', 'aws-iso'],
      ['arn:aws-iso-b:sts::111111111111:assumed-role/R/s', 'us-isob-east-1', 'aws-iso-b'],
      ['arn:aws-iso-e:sts::111111111111:assumed-role/R/s', 'eu-isoe-west-1', 'aws-iso-e'],
      ['arn:aws-iso-f:sts::111111111111:assumed-role/R/s', 'us-isof-south-1', 'aws-iso-f'],
      ['arn:aws-eusc:sts::111111111111:assumed-role/R/s', 'eusc-de-east-1', 'aws-eusc'],
      // No ARN (IAM Identity Center role credentials): the Region tells.
      [undefined, 'us-isob-east-1', 'us-isob-east-1'],
      [undefined, 'eusc-de-east-1', 'eusc-de-east-1'],
      // Long-term keys with such a Region: not even GetFederationToken is called.
      [undefined, 'us-iso-east-1', 'us-iso-east-1'],
    ];
    for (const [arn, region, named] of cases) {
      const sent: string[] = [];
      const stsCalls: string[] = [];
      const fail = async () => {
        stsCalls.push('GetFederationToken');
        throw new Error('not called');
      };
      await assert.rejects(
        consoleUrlFor({
          credentials: {
            accessKeyId: 'ASIAISO',
            secretAccessKey: 's',
            ...(arn !== undefined || region !== 'us-iso-east-1' ? { sessionToken: 't' } : {}),
            ...(arn !== undefined ? { arn } : {}),
          },
          sts: { getFederationToken: fail } as unknown as StsApi,
          target: { region: region ?? 'us-east-1', via: 'test' },
          http: async (u) => (sent.push(u), { status: 200, body: '{"SigninToken":"x"}', headers: {} }),
          region,
          userName: 'me',
          federationEndpoint: '',
          destination: '',
          sessionDurationSeconds: 3600,
        }),
        (e: unknown) => e instanceof ConsoleSignInError && e.message.includes(named) && /sends these credentials to no federation endpoint/.test(e.message),
        `${arn} ${region}`,
      );
      assert.deepEqual([sent, stsCalls], [[], []], `${arn} ${region}: nothing sent`);
    }
  });

  it('partitions, endpoints and destinations', () => {
    assert.equal(partitionOf('arn:aws-us-gov:sts::1:assumed-role/R/s', 'us-east-1'), 'aws-us-gov');
    assert.equal(partitionOf(undefined, 'cn-north-1'), 'aws-cn');
    assert.equal(partitionOf(undefined, undefined), 'aws');
    assert.equal(federationEndpoint('aws-cn'), 'https://signin.amazonaws.cn/federation');
    assert.equal(federationEndpoint('aws-us-gov'), 'https://signin.amazonaws-us-gov.com/federation');
    assert.equal(federationEndpoint('aws', 'http://127.0.0.1:1/federation/'), 'http://127.0.0.1:1/federation');
    assert.equal(consoleDestination('aws-us-gov', 'us-gov-west-1', ''), 'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1');
    assert.equal(consoleDestination('aws', 'eu-west-1', 'ec2/home#Instances'), 'https://console.aws.amazon.com/ec2/home?region=eu-west-1#Instances');
    assert.equal(
      consoleDestination('aws', 'eu-west-1', 'https://eu-west-1.console.aws.amazon.com/lambda/home'),
      'https://eu-west-1.console.aws.amazon.com/lambda/home',
    );
    assert.equal(federationName('Jane Doe (admin)'), 'JaneDoeadmin');
    assert.equal(federationName(undefined), 'aws-role-switcher');
  });
});
