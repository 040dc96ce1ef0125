/**
 * Quick inputs that VS Code's walkthrough page cannot close before the person sees them.
 *
 * The walkthrough gives the keyboard to a step on timers set 250 ms ahead — when it opens, on a
 * click on a step, and on the key-up of an Enter or Space on a step — whatever has the keyboard
 * when they fire. The Enter that runs a command from the command palette has its key-up there (the
 * palette closes on the key-down and gives the focus back to the step), and a click on a step's
 * button comes right after the click that opened the step. A picker the command opened before those
 * timers fired lost the focus and closed, so nothing seemed to happen. Measured in code-server 4.100:
 * up to three such focus changes, all within 350 ms of the picker showing.
 */
import * as vscode from 'vscode';

/** The walkthrough's timers have fired by then (250 ms, and some slack for a busy machine). */
export const SETTLE_MS = 600;

/** An editor the API does not describe: the walkthrough ("Welcome") is one, so are the settings and keybindings editors. */
export const mayBeWalkthrough = (tab: vscode.Tab): boolean => tab.input === undefined;

function walkthroughMayBeInFront(): boolean {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  return tab !== undefined && mayBeWalkthrough(tab);
}

/**
 * Shows `input` — with the walkthrough in front, once its timers have fired. An input hidden or
 * disposed before then (the command answered otherwise) is not shown.
 */
export function showSteadily(input: vscode.QuickInput, schedule: (f: () => void, ms: number) => void = (f, ms) => void setTimeout(f, ms)): void {
  if (!walkthroughMayBeInFront()) {
    input.show();
    return;
  }
  let cancelled = false;
  const sub = input.onDidHide(() => (cancelled = true));
  schedule(() => {
    sub.dispose();
    if (!cancelled) input.show();
  }, SETTLE_MS);
}

/** Before `showQuickPick` / `showInputBox`: with the walkthrough in front, once its timers have fired. */
export function afterWalkthroughSettles(): Promise<void> {
  return walkthroughMayBeInFront() ? new Promise((resolve) => setTimeout(resolve, SETTLE_MS)) : Promise.resolve();
}

/**
 * Shows `terminal` with the keyboard — with the walkthrough in front, again once its timers have
 * fired: the key-up of the Enter that picked the profile lands on the walkthrough's step, which
 * takes the keyboard from the new terminal 250 ms later (measured: 90 ms after it had it).
 */
export function showTerminalSteadily(terminal: vscode.Terminal, schedule: (f: () => void, ms: number) => void = (f, ms) => void setTimeout(f, ms)): void {
  const walkthrough = walkthroughMayBeInFront();
  terminal.show();
  if (walkthrough) schedule(() => terminal.exitStatus === undefined && terminal.show(), SETTLE_MS);
}
