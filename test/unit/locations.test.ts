import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ssoCacheDir } from '../../src/config/locations';

describe('file locations', () => {
  it("the IAM Identity Center token cache is ~/.aws/sso/cache of the config's home, with the platform's separator", () => {
    assert.equal(ssoCacheDir('/home/ana', 'posix'), '/home/ana/.aws/sso/cache');
    assert.equal(ssoCacheDir('/home/ana/', 'posix'), '/home/ana/.aws/sso/cache');
    assert.equal(ssoCacheDir('C:\\Users\\ana', 'windows'), 'C:\\Users\\ana\\.aws\\sso\\cache');
  });
});
