import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { outline, profileOf, sectionAt, settingAt } from '../../src/config/outline';

const text = [
  '# my profiles', // 0
  '[default]', // 1
  'Region = us-east-1 # home', // 2
  '', // 3
  '[ profile  dev ] ; team', // 4
  'role_arn=arn:aws:iam::111111111111:role/Dev', // 5
  's3 =', // 6
  '  addressing_style = path', // 7
  '  max_concurrent_requests = 20', // 8
  'source_profile = base', // 9
  '[sso-session corp]', // 10
  'sso_start_url = https://corp.awsapps.com/start#x', // 11
].join('\r\n');

describe('outline of a shared file', () => {
  const o = outline(text);

  it('finds each header, its prefix and where its name is on the line', () => {
    assert.deepEqual(
      o.sections.map((s) => [s.line, s.prefix, s.name, text.split('\r\n')[s.line]?.slice(s.nameStart, s.nameEnd)]),
      [
        [1, undefined, 'default', 'default'],
        [4, 'profile', 'dev', 'dev'],
        [10, 'sso-session', 'corp', 'corp'],
      ],
    );
    assert.deepEqual(
      o.sections.map((s) => s.end),
      [3, 9, 11],
    );
  });

  it('reads a setting name as written and as the tools read it, and its value without the comment', () => {
    const s = settingAt(o, 2);
    assert.equal(s?.written, 'Region');
    assert.equal(s?.name, 'region');
    assert.equal(s?.value, 'us-east-1');
    assert.deepEqual([s?.nameStart, s?.nameEnd, s?.valueStart, s?.valueEnd], [0, 6, 9, 18]);
    // '#' without white space before it is part of the value, as the parser reads it.
    assert.equal(settingAt(o, 11)?.value, 'https://corp.awsapps.com/start#x');
    assert.equal(settingAt(o, 5)?.value, 'arn:aws:iam::111111111111:role/Dev');
  });

  it('gives sub-settings their parent and keeps reading top-level settings after them', () => {
    assert.equal(settingAt(o, 7)?.parent, 's3');
    assert.equal(settingAt(o, 8)?.parent, 's3');
    assert.equal(settingAt(o, 8)?.value, '20');
    assert.equal(settingAt(o, 9)?.parent, undefined);
    assert.equal(settingAt(o, 9)?.value, 'base');
  });

  it('says which section a line is in, blank lines and comments included', () => {
    assert.equal(sectionAt(o, 0), undefined);
    assert.equal(sectionAt(o, 3)?.name, 'default');
    assert.equal(sectionAt(o, 4)?.name, 'dev');
  });

  it('names profiles by the rules of each file kind', () => {
    const [def, dev, sso] = o.sections;
    assert.equal(def && profileOf(def, 'config'), 'default');
    assert.equal(dev && profileOf(dev, 'config'), 'dev');
    assert.equal(sso && profileOf(sso, 'config'), undefined);
    assert.equal(dev && profileOf(dev, 'credentials'), undefined);
    const cred = outline('[base]\naws_access_key_id = AKIA\n[profile x]\n').sections;
    assert.deepEqual(
      cred.map((s) => profileOf(s, 'credentials')),
      ['base', undefined],
    );
  });

  it('keeps settings before the first header apart, and survives odd lines', () => {
    const odd = outline('region = x\n[unclosed\n= value\n  continued\n\u00a0\n[]\nkey =\n');
    assert.equal(odd.orphans[0]?.name, 'region');
    assert.equal(odd.sections[0]?.name, 'unclosed');
    assert.equal(odd.sections[1]?.name, '');
    assert.equal(odd.sections[1]?.settings[0]?.name, 'key');
  });
});
