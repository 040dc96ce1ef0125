/** Whether VS Code's terminal revival would write the keys in terminals to its storage on exit. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keysSavedOnExit } from '../../src/delivery/terminalRevival';

describe('terminal revival and the keys', () => {
  const desktop = { enablePersistentSessions: undefined, persistentSessionReviveProcess: undefined, web: false };

  it('keys delivery on the desktop with VS Code defaults: saved on exit', () => {
    assert.equal(keysSavedOnExit('environment', desktop), true);
    assert.equal(keysSavedOnExit('environment', { ...desktop, persistentSessionReviveProcess: 'onExitAndWindowClose' }), true);
  });

  it('not with the credentials endpoint, without revival, without persistent sessions, or in the browser', () => {
    assert.equal(keysSavedOnExit('endpoint', desktop), false);
    assert.equal(keysSavedOnExit('environment', { ...desktop, persistentSessionReviveProcess: 'never' }), false);
    assert.equal(keysSavedOnExit('environment', { ...desktop, enablePersistentSessions: false }), false);
    assert.equal(keysSavedOnExit('environment', { ...desktop, web: true }), false);
  });
});
