/**
 * The walkthrough checks a step for what the person has already done — profiles in the files, a
 * profile active, a pinned terminal, production profiles named, the credentials endpoint chosen —
 * not only when they do it from the step.
 *
 * A step is completed by an event. VS Code (measured in 1.100) registers the walkthrough a few
 * seconds after start-up, after this extension has activated, and an `onContext:` key already true
 * at registration is marked seen without completing its step, for the rest of the session (the
 * issue's "steps never tick for what the person already did"); a command run from the extension
 * host runs there and is no event for the walkthrough. So each such step also completes on a key of
 * its own, set only when a page that may be the walkthrough opens: with the walkthrough on screen,
 * it is registered, and the key turning true completes the step.
 */
import * as vscode from 'vscode';
import { mayBeWalkthrough } from '../picker/steadyInput';

/** Step → the context key that completes it (package.json lists each under its step's completionEvents). */
export const WALKTHROUGH_DONE = {
  profiles: 'awsRoleSwitcher.walkthrough.hasProfiles',
  switch: 'awsRoleSwitcher.walkthrough.profileActive',
  terminal: 'awsRoleSwitcher.walkthrough.pinnedTerminal',
  endpoint: 'awsRoleSwitcher.walkthrough.endpointDelivery',
  production: 'awsRoleSwitcher.walkthrough.productionNamed',
} as const;

export interface WalkthroughProgressDeps {
  /** What each step asks for, as it is now. */
  readonly done: () => Record<keyof typeof WALKTHROUGH_DONE, boolean>;
}

export class WalkthroughProgress implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly d: WalkthroughProgressDeps) {
    this.disposables = [vscode.window.tabGroups.onDidChangeTabs((e) => e.opened.some(mayBeWalkthrough) && this.report())];
  }

  private report(): void {
    const done = this.d.done();
    for (const [step, key] of Object.entries(WALKTHROUGH_DONE))
      void vscode.commands.executeCommand('setContext', key, done[step as keyof typeof WALKTHROUGH_DONE]);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
