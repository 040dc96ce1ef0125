import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialsError, formatText, text } from '../../src/credentials/types';

describe('translatable engine texts', () => {
  it('the text tag keeps an English template with numbered places and the arguments apart', () => {
    const name = 'dev';
    const t = text`profile ${name} was not found in ${2} files.`;
    assert.deepEqual(t, { template: 'profile {0} was not found in {1} files.', args: ['dev', 2] });
    assert.equal(formatText(t), 'profile dev was not found in 2 files.');
    assert.equal(formatText('no places {0} in a plain string'), 'no places {0} in a plain string');
  });

  it('an error is English by default, and every part of it goes through a translation when the edge asks', () => {
    const e = new CredentialsError(text`role ${'arn:aws:iam::1:role/R'} refused.`, { code: 'AccessDenied', hint: text`Check ${'trust'}.` }).within(
      'dev',
      'step 2 of 2',
    );
    assert.equal(e.message, 'role arn:aws:iam::1:role/R refused.');
    assert.equal(e.hint, 'Check trust.');
    assert.equal(e.describe(), 'Profile "dev", step 2 of 2: role arn:aws:iam::1:role/R refused. Check trust.');
    const seen: string[] = [];
    const shout = (template: string, args: ReadonlyArray<string | number>) => {
      seen.push(template);
      return template.toUpperCase().replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
    };
    assert.equal(e.describe(shout), 'PROFILE "dev", step 2 of 2: ROLE arn:aws:iam::1:role/R REFUSED. CHECK trust.');
    assert.deepEqual(seen.sort(), ['Check {0}.', 'Profile "{0}"', 'role {0} refused.'], 'the templates are the lookup keys; arguments are not translated');
  });
});
