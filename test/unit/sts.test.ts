import { describe, it } from 'node:test';
import { warmUpSdk } from '../../src/credentials/sts';

describe('STS client', () => {
  it('warms the SDK up with one AssumeRole over HTTP to a one-shot loopback answer: built, signed, sent and parsed', async () => {
    await warmUpSdk();
    await warmUpSdk(); // and again (the picker may open many times)
  });
});
