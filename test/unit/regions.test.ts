/** Region names for AWS: Switch Region…. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AWS_REGIONS, isRegionName } from '../../src/config/regions';

describe('AWS Region names', () => {
  it('accepts the documented shapes, refuses anything else', () => {
    for (const r of ['eu-west-1', 'us-gov-west-1', 'cn-northwest-1', 'us-isob-east-1', 'us-iso-east-1', 'ap-southeast-9']) assert.ok(isRegionName(r), r);
    for (const r of ['', 'eu-west', 'EU-WEST-1', 'eu_west_1', 'eu-west-1 ', 'aws-global', 'eu-west-1a', '../etc']) assert.ok(!isRegionName(r), r);
  });
  it('every listed Region has that shape, a name, and appears once', () => {
    assert.ok(AWS_REGIONS.every(([n, where]) => isRegionName(n) && where.length > 0));
    assert.equal(new Set(AWS_REGIONS.map(([n]) => n)).size, AWS_REGIONS.length);
  });
});
