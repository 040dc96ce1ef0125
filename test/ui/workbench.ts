/// <reference lib="dom" />
/**
 * A real VS Code workbench in headless Chromium with the extension under development, a sandbox
 * HOME holding the demo profiles, and the fake STS. Helpers act as a person: click, type, read.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { FakeSts } from '../fakeSts/server';
import { findFile } from '../files';
import { DEMO, createDemoSts, writeDemoAwsFiles } from '../fakeSts/demoWorld';

interface Harness {
  startServer(o: {
    home: string;
    env?: Record<string, string>;
    settings?: Record<string, unknown>;
    log?: (s: string) => void;
  }): Promise<{ url: string; port: number; dataDir: string; dispose(): Promise<void>; output(): string }>;
  launchBrowser(): Promise<{ browser: Browser; dispose(): Promise<void> }>;
  workbenchUrl(server: { url: string; port: number }, o: { folder?: string }): string;
  makeSandbox(prefix?: string): { root: string; home: string; workspace: string; dispose(): Promise<void> };
  repoRoot: string;
}

// The harness is plain ESM shared with the playground; load it from CommonJS.
const importEsm = new Function('p', 'return import(p)') as (p: string) => Promise<Harness>;
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const mediaDir = path.join(repoRoot, 'media');

export interface WorkbenchOptions {
  /** User settings; a function gets the workbench once the fake STS runs (for its URL). */
  readonly settings?: Record<string, unknown> | ((wb: Workbench) => Record<string, unknown>);
  readonly env?: Record<string, string>;
  readonly bashrc?: string;
  /** More extensions to run beside this one (folders, loaded as under development). */
  readonly moreExtensions?: readonly string[];
  /** Runs once the fake STS and the sandbox exist, before VS Code starts (files the window should find). */
  readonly beforeStart?: (wb: Workbench) => void;
}

/**
 * An extensions folder holding `folders` as installed extensions: links named as VS Code names
 * installed extensions (VS Code scans the folder and lists them), so they run from the repository
 * and find its node_modules. VS Code for the Web takes one development extension only.
 */
function installedExtensions(folders: readonly string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ars-ext-'));
  for (const f of folders) {
    const pkg = JSON.parse(fs.readFileSync(path.join(f, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    fs.symlinkSync(f, path.join(dir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
  }
  return dir;
}

export class Workbench {
  page!: Page;
  sts!: FakeSts;
  home = '';
  /** The folder the window has open. */
  workspace = '';
  /** The user settings file (VS Code applies edits to it as a person saves them). */
  settingsFile = '';
  /** The VS Code server's data folder (logs included). */
  dataDir = '';
  private readonly disposers: Array<() => Promise<void>> = [];
  private readonly usedCodes = new Set<string>();

  /**
   * `env`: VS Code's own environment (as if started from a shell with it); `bashrc`: the sandbox
   * ~/.bashrc (default: one that exports AWS_PROFILE=demo-base, as many real ones do).
   */
  static async open(o: WorkbenchOptions = {}): Promise<Workbench> {
    const wb = new Workbench();
    try {
      await wb.start(o);
    } catch (e) {
      await wb.close();
      throw e;
    }
    return wb;
  }

  private async start(o: WorkbenchOptions): Promise<void> {
    const h = await importEsm(path.join(repoRoot, 'test', 'harness', 'vscode.mjs'));
    this.sts = createDemoSts();
    const url = await this.sts.start();
    this.disposers.push(() => this.sts.stop());
    const sandbox = h.makeSandbox('ars-ui-');
    this.disposers.push(() => sandbox.dispose());
    this.home = sandbox.home;
    this.workspace = sandbox.workspace;
    writeDemoAwsFiles(sandbox.home, url);
    fs.writeFileSync(path.join(sandbox.home, '.bashrc'), o.bashrc ?? 'export AWS_PROFILE=demo-base\nPS1="$ "\n');
    o.beforeStart?.(this);
    const settings = typeof o.settings === 'function' ? o.settings(this) : o.settings;
    const server = await h.startServer({
      home: sandbox.home,
      ...(o.moreExtensions !== undefined ? { extensionsDir: installedExtensions(o.moreExtensions) } : {}),
      ...(settings !== undefined ? { settings } : {}),
      ...(o.env !== undefined ? { env: o.env } : {}),
    });
    this.disposers.push(() => server.dispose());
    this.settingsFile = path.join(server.dataDir, 'data', 'User', 'settings.json');
    this.dataDir = server.dataDir;
    await this.openPage(h, h.workbenchUrl(server, { folder: sandbox.workspace }));
  }

  /**
   * A VS Code this test did not start (the playground of `npm start`), at `url`: a browser page on
   * it, with the helpers of this class. `sts`, `home` and the log are the caller's to know.
   */
  static async attach(url: string): Promise<Workbench> {
    const wb = new Workbench();
    try {
      await wb.openPage(await importEsm(path.join(repoRoot, 'test', 'harness', 'vscode.mjs')), url);
    } catch (e) {
      await wb.close();
      throw e;
    }
    return wb;
  }

  private async openPage(h: Harness, url: string): Promise<void> {
    const browser = await h.launchBrowser();
    this.disposers.push(() => browser.dispose());
    const context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // The last focus changes of the page (what moved the keyboard, and when), for failure messages.
    await context.addInitScript(() => {
      const log: string[] = [];
      (window as unknown as { __arsFocusLog: string[] }).__arsFocusLog = log;
      const note = (what: string, e: Event): void => {
        const t = e.target as Element | null;
        const where =
          t instanceof Element
            ? `${t.tagName}.${String(t.className).slice(0, 60)} in ${t.closest('.part, .quick-input-widget, .monaco-dialog-box')?.className.slice(0, 40) ?? '?'}`
            : String(t);
        log.push(`${Math.round(performance.now())} ${what} ${where}`);
        if (log.length > 40) log.shift();
      };
      window.addEventListener('focusin', (e) => note('focusin', e), true);
      // Focus given by code, with its time (a timer's focus() on the element that has it already makes no focusin).
      const calls: Array<{ at: number; el: Element }> = [];
      (window as unknown as { __arsFocusCalls: typeof calls }).__arsFocusCalls = calls;
      const focus = HTMLElement.prototype.focus;
      HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions): void {
        calls.push({ at: performance.now(), el: this });
        if (calls.length > 500) calls.shift();
        log.push(`${Math.round(performance.now())} focus() ${this.tagName}.${String(this.className).slice(0, 50)}`);
        focus.call(this, options);
      };
      // The quick input showing and hiding, beside the focus changes.
      const watchQuickInput = (): void => {
        const qi = document.querySelector('.quick-input-widget');
        if (qi === null) return void setTimeout(watchQuickInput, 200);
        let shown = (qi as HTMLElement).style.display !== 'none';
        new MutationObserver(() => {
          const now = (qi as HTMLElement).style.display !== 'none';
          if (now !== shown) log.push(`${Math.round(performance.now())} quick input ${now ? 'shown' : 'hidden'}`);
          shown = now;
        }).observe(qi, { attributes: true, attributeFilter: ['style'] });
      };
      watchQuickInput();
      // Hovers shown and hidden, and editors gaining and losing the keyboard (which hides a hover), beside them.
      const was = new WeakMap<Element, boolean>();
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target as Element;
          const kind = el.classList.contains('monaco-hover') ? 'hover' : el.classList.contains('monaco-editor') ? 'editor' : undefined;
          if (kind === undefined) continue;
          const now = kind === 'hover' ? !el.classList.contains('hidden') : el.classList.contains('focused');
          if (was.get(el) !== now)
            log.push(
              `${Math.round(performance.now())} ${kind} ${kind === 'hover' ? (now ? 'shown' : 'hidden') : now ? 'focused' : 'blurred'} ${(el.textContent ?? '').slice(0, 30)}`,
            );
          was.set(el, now);
        }
        if (log.length > 40) log.splice(0, log.length - 40);
      }).observe(document, { attributes: true, attributeFilter: ['class'], subtree: true });
      window.addEventListener('blur', (e) => note('window-blur', e));
      window.addEventListener('focus', (e) => note('window-focus', e));
    });
    this.page = await context.newPage();
    await this.page.goto(url);
    await this.statusItem().waitFor({ state: 'visible', timeout: 90_000 });
  }

  async close(): Promise<void> {
    for (const d of this.disposers.reverse()) {
      try {
        await d();
      } catch {
        /* keep closing */
      }
    }
  }

  statusItem(): Locator {
    return this.page.locator('[aria-label^="AWS Role Switcher"]').first();
  }

  async statusText(): Promise<string> {
    return ((await this.statusItem().innerText()) ?? '').trim();
  }

  async waitStatus(re: RegExp, timeout = 30_000): Promise<string> {
    await this.page.waitForFunction(
      ([src, flags]) => {
        const el = document.querySelector('[aria-label^="AWS Role Switcher"]');
        return el !== null && new RegExp(src as string, flags as string).test((el as HTMLElement).innerText);
      },
      [re.source, re.flags],
      { timeout },
    );
    return this.statusText();
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  async quickInputTitle(): Promise<string> {
    return (await this.quickInput().locator('.quick-input-title').innerText()).trim();
  }

  async typeInQuickInput(text: string): Promise<void> {
    const input = this.quickInput().locator('input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text).catch((e: unknown) => this.quickInputFailure(e, 'the quick input closed before it was typed in'));
  }

  async quickInputMessage(): Promise<string> {
    return (await this.quickInput().locator('.quick-input-message').innerText()).trim();
  }

  /** The rows of the quick pick, as their visible labels. */
  async pickRows(): Promise<string[]> {
    await this.quickInput().locator('.monaco-list-row').first().waitFor({ state: 'visible' });
    return this.quickInput()
      .locator('.monaco-list-row')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
  }

  /** As a person: click the status bar, type the profile's name, take the row that shows it. */
  /** As a person: AWS: Show Caller Identity, and the ARN its notification shows (earlier notifications cleared first, so none is read for it). */
  async shownCallerIdentity(): Promise<string> {
    if ((await this.page.locator('.notification-toast').count()) > 0) {
      await this.runCommand('Notifications: Clear All Notifications');
      await this.page.locator('.notification-toast').first().waitFor({ state: 'detached' });
    }
    await this.runCommand('AWS: Show Caller Identity');
    const toast = this.page.locator('.notification-toast', { hasText: 'AWS caller identity:' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await toast.innerText();
    const arn = /AWS caller identity: (arn:\S+)/.exec(text)?.[1];
    if (arn === undefined) throw new Error(`no ARN in the notification: ${text}`);
    return arn;
  }

  /** As a person: MCP: List Servers → "AWS: <name>" (a server the extension provides) → Start Server. */
  async startMcpServer(name: string): Promise<void> {
    await this.runCommand('MCP: List Servers');
    await this.quickInput()
      .locator('.monaco-list-row', { hasText: `AWS: ${name}` })
      .first()
      .click();
    await this.quickInput().locator('.monaco-list-row', { hasText: 'Start Server' }).first().click();
  }

  async pickProfile(name: string): Promise<void> {
    await this.statusItem().click();
    await this.quickInput().waitFor({ state: 'visible' });
    await this.typeInQuickInput(name);
    await this.quickInput().locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
  }

  /**
   * Runs `act`, then waits until code has given the focus to an element matching `selector` and
   * has stopped doing so for `quietMs`. VS Code's walkthrough focuses a step on timers set 250 ms
   * ahead (up to three after a click), and a quick input opened before the last one closes: its
   * own command palette too.
   */
  async afterFocusSettlesOn(selector: string, act: () => Promise<void>, quietMs = 500): Promise<void> {
    const started = await this.page.evaluate(() => performance.now());
    await act();
    await this.page.waitForFunction(
      ([sel, since, quiet]) => {
        const times = (window as unknown as { __arsFocusCalls: Array<{ at: number; el: Element }> }).__arsFocusCalls
          .filter((c) => c.at > (since as number) && c.el.matches(sel as string))
          .map((c) => c.at);
        return times.length > 0 && performance.now() - Math.max(...times) >= (quiet as number);
      },
      [selector, started, quietMs] as const,
      { polling: 50 },
    );
  }

  /** The element with the keyboard focus, for failure messages. */
  async focusedElement(): Promise<string> {
    return this.page
      .evaluate(() => {
        const a = document.activeElement;
        const where = a?.closest('[id^="workbench.parts."], .part')?.className ?? '';
        return a === null ? 'none' : `${a.tagName}.${a.className} "${(a.getAttribute('aria-label') ?? '').slice(0, 80)}" in ${where}`;
      })
      .catch(() => 'unknown');
  }

  /** The page's last focus changes, newest last (milliseconds since the page loaded). */
  async focusLog(): Promise<string> {
    const now = await this.page.evaluate(() => Math.round(performance.now())).catch(() => 0);
    const log = await this.page.evaluate(() => (window as unknown as { __arsFocusLog?: string[] }).__arsFocusLog ?? []).catch(() => []);
    return `now ${now}\n${log.slice(-15).join('\n')}`;
  }

  /** Adds what held the focus, its last changes (hovers and scrolls too), and a screenshot, to a failed wait. */
  async quickInputFailure(e: unknown, what: string): Promise<never> {
    const focus = await this.focusedElement();
    await this.screenshot(`quick-input-failed-${Date.now()}.png`).catch(() => undefined);
    throw new Error(`${(e as Error).message}\n${what}; focus: ${focus}\nfocus changes:\n${await this.focusLog()}`);
  }

  /** The open walkthrough's page. */
  walkthrough(): Locator {
    return this.page.locator('.gettingStartedContainer');
  }

  /** One step of the open walkthrough, by (part of) its title. */
  walkthroughStep(title: string): Locator {
    return this.walkthrough().locator('.getting-started-step', { hasText: title }).first();
  }

  /** As a person: Welcome: Open Walkthrough… → Get Started with AWS Role Switcher. */
  async openWalkthrough(): Promise<void> {
    await this.runCommand('Welcome: Open Walkthrough...');
    await this.quickInput().locator('.monaco-list-row', { hasText: 'Get Started with AWS Role Switcher' }).first().waitFor({ state: 'visible' });
    await this.typeInQuickInput('AWS Role Switcher');
    await this.page.keyboard.press('Enter');
    await this.walkthroughStep('Production guardrails').waitFor({ state: 'visible' });
  }

  /** Waits until the walkthrough shows the step as done. */
  async walkthroughStepChecked(title: string): Promise<void> {
    await this.page.waitForFunction(
      (t) =>
        Array.from(document.querySelectorAll('.getting-started-step')).some(
          (s) => (s as HTMLElement).innerText.includes(t) && s.getAttribute('aria-checked') === 'true',
        ),
      title,
    );
  }

  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInput()
      .waitFor({ state: 'visible' })
      .catch((e: unknown) => this.quickInputFailure(e, 'F1 opened no command palette'));
    await this.typeInQuickInput(`>${title}`);
    await this.quickInput()
      .locator('.monaco-list-row', { hasText: title })
      .first()
      .waitFor({ state: 'visible' })
      .catch((e: unknown) => this.quickInputFailure(e, `the command palette showed no row "${title}"`));
    await this.page.keyboard.press('Enter');
  }

  /** An MFA code that has not been used yet (codes work once). */
  mfaCode(): string {
    for (const off of [0, 1, -1]) {
      const c = this.sts.currentCode(DEMO.mfaSerial, off);
      if (!this.usedCodes.has(c)) {
        this.usedCodes.add(c);
        return c;
      }
    }
    throw new Error('no unused MFA code in this window');
  }

  /** The extension's log as written so far ('' before it exists). */
  logText(): string {
    const log = findFile(this.dataDir, 'AWS Role Switcher.log');
    return log !== undefined ? fs.readFileSync(log, 'utf8') : '';
  }

  /** Waits for the active terminal to show `re` (its flags kept); a failure says what it shows, with a screenshot. */
  async waitForActiveTerminal(re: RegExp, timeout = 30_000): Promise<void> {
    await this.page
      .waitForFunction(
        ([src, flags]) =>
          new RegExp(src as string, flags as string).test(
            (document.querySelector('.terminal-wrapper.active .xterm-rows') as HTMLElement | null)?.innerText ?? '',
          ),
        [re.source, re.flags] as const,
        { timeout },
      )
      .catch(async (e: unknown) => {
        await this.screenshot('terminal-failure.png');
        const shown = await this.page
          .locator('.terminal-wrapper.active .xterm-rows')
          .innerText({ timeout: 1_000 })
          .catch(() => '(no active terminal)');
        throw new Error(
          `${(e as Error).message}\nthe active terminal shows:\n${shown}\nfocus: ${await this.focusedElement()}\nfocus changes:\n${await this.focusLog()}`,
        );
      });
  }

  /**
   * Runs `act` (a click on a link to a site), lets VS Code open the site — answering its trust
   * dialog if it asks: it does for a real site, not for a loopback one — and returns the browser tab.
   */
  async pageOpenedBy(act: () => Promise<void>): Promise<Page> {
    const popup = this.page.context().waitForEvent('page', { timeout: 30_000 });
    await act();
    const open = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
    return Promise.race([
      popup,
      open.waitFor({ state: 'visible', timeout: 30_000 }).then(async () => {
        await open.click();
        return popup;
      }),
    ]);
  }

  async terminalText(): Promise<string> {
    return this.page.locator('.terminal-wrapper.active .xterm-rows, .xterm-rows').last().innerText();
  }

  /**
   * A picture of the window, or of the part that matters: the smallest rectangle around `parts`
   * (and a margin), so the README and the walkthrough show the feature, not the whole window and
   * its title bar. Pictures go to .test-results/screenshots; with ARS_UPDATE_MEDIA=1 also to media/
   * (README, walkthrough), through pngquant when installed.
   */
  async screenshot(name: string, ...parts: Locator[]): Promise<void> {
    const dir = path.join(repoRoot, '.test-results', 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    const boxes = (await Promise.all(parts.map((p) => p.first().boundingBox()))).filter((b): b is NonNullable<typeof b> => b !== null);
    const view = this.page.viewportSize() ?? { width: 1280, height: 800 };
    const margin = 12;
    // Never the title bar ("[Extension Development Host] … - code-server").
    const title = await this.page.locator('.part.titlebar').first().boundingBox();
    const top = title !== null ? title.y + title.height : 0;
    const clip =
      boxes.length === 0
        ? undefined
        : (() => {
            const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
            const y = Math.max(top, Math.min(...boxes.map((b) => b.y)) - margin);
            const right = Math.min(view.width, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
            const bottom = Math.min(view.height, Math.max(...boxes.map((b) => b.y + b.height)) + margin);
            return { x, y, width: right - x, height: bottom - y };
          })();
    await this.page.screenshot({ path: path.join(dir, name), animations: 'disabled', ...(clip !== undefined ? { clip } : {}) });
    if (process.env['ARS_UPDATE_MEDIA'] === '1') {
      fs.copyFileSync(path.join(dir, name), path.join(mediaDir, name));
      // The pictures ship in the VSIX (the walkthrough shows them): 256 colours keep it small.
      spawnSync('pngquant', ['--force', '--quality=60-85', '--strip', '--output', path.join(mediaDir, name), path.join(mediaDir, name)]);
    }
  }
}
