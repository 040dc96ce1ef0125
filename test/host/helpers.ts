import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi, PublicState } from '../../src/vscode/otherExtensions/api';

export const EXTENSION_ID = 'aws-role-switcher.aws-role-switcher';
export const FAKE_STS = process.env['ARS_FAKE_STS_URL'] ?? '';
export const HOME = process.env['HOME'] ?? os.homedir();

export async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (ext === undefined) throw new Error('extension not installed');
  return ext.activate();
}

export async function waitFor<T>(f: () => T | undefined | Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stateWhere(pred: (s: PublicState) => boolean, what: string): Promise<PublicState> {
  const a = await api();
  return waitFor(() => (pred(a.getState()) ? a.getState() : undefined), what);
}

export function tmpFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ars-host-'));
  return path.join(dir, name);
}

/** Waits until a file exists and holds `until` (the end marker a test command writes). */
export async function readWhenDone(file: string, until = '__DONE__', ms = 30_000): Promise<string> {
  return waitFor(
    () => {
      try {
        const t = fs.readFileSync(file, 'utf8');
        return t.includes(until) ? t : undefined;
      } catch {
        return undefined;
      }
    },
    `${file} to be written`,
    ms,
  );
}

/** Parses `env` output into a map. */
export function parseEnv(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

export async function closeAllTerminals(): Promise<void> {
  for (const t of vscode.window.terminals) t.dispose();
  await waitFor(() => vscode.window.terminals.length === 0 || undefined, 'terminals to close', 10_000);
}

/**
 * As an AI agent runs a command: a terminal the extension creates, and the command run in it
 * through shell integration (`shellIntegration.executeCommand`). What the AWS CLI says it is there.
 */
export async function agentTerminalIdentity(): Promise<string> {
  const terminal = vscode.window.createTerminal({ name: 'agent' });
  try {
    const shell =
      terminal.shellIntegration ??
      (await new Promise<vscode.TerminalShellIntegration>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no shell integration within 20 s')), 20_000);
        const d = vscode.window.onDidChangeTerminalShellIntegration((e) => {
          if (e.terminal !== terminal) return;
          clearTimeout(timer);
          d.dispose();
          resolve(e.shellIntegration);
        });
      }));
    const out = tmpFile('agent.txt');
    shell.executeCommand(`/usr/bin/aws sts get-caller-identity --endpoint-url ${FAKE_STS} --query Arn --output text > ${out} 2>&1; echo __DONE__ >> ${out}`);
    return (await readWhenDone(out)).split('\n')[0] ?? '';
  } finally {
    terminal.dispose();
  }
}
