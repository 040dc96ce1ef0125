import * as vscode from 'vscode';
import { formatDiagnostic } from '../config/loader';
import { ProfileSet } from '../config/profiles';
import { KIND_LABEL, ProfileInfo, describeProfile } from '../credentials/describe';

export type PickResult = { kind: 'profile'; info: ProfileInfo } | { kind: 'signOut' } | { kind: 'openConfig' } | undefined;

interface Item extends vscode.QuickPickItem {
  readonly result: PickResult;
}

function itemFor(info: ProfileInfo, active: string | undefined, prod: boolean, note: string | undefined): Item {
  const parts = [KIND_LABEL[info.kind], info.accountId, info.region, note].filter((x): x is string => x !== undefined);
  const problem = info.error?.describe() ?? (info.diagnostics.length > 0 ? formatDiagnostic(info.diagnostics[0] as NonNullable<(typeof info.diagnostics)[0]>) : undefined);
  const icon = info.kind === 'invalid' ? '$(error)' : info.diagnostics.length > 0 ? '$(warning)' : prod ? '$(flame)' : info.kind === 'mfa-role' ? '$(shield)' : info.kind === 'static' ? '$(key)' : '$(cloud)';
  return {
    label: `${icon} ${info.name}`,
    description: `${parts.join(' · ')}${info.name === active ? ' · active' : ''}${prod ? ' · production' : ''}`,
    ...(problem !== undefined ? { detail: `$(warning) ${problem}` } : info.chain.length > 1 ? { detail: info.chain.join(' → ') } : {}),
    result: { kind: 'profile', info },
  };
}

/** The profile quick pick: recent first, then all, then actions. */
export async function pickProfile(
  set: ProfileSet,
  opts: {
    active: string | undefined;
    recent: readonly string[];
    isProduction: (p: string) => boolean;
    title?: string;
    include?: (info: ProfileInfo) => boolean;
    /** Extra words for some of the described profiles (IAM Identity Center sign-in state). */
    notes?: (infos: readonly ProfileInfo[]) => Promise<ReadonlyMap<string, string>>;
  },
): Promise<PickResult> {
  // Described against the whole set (source profiles included), then filtered.
  const infos = [...set.profiles.keys()].sort((a, b) => a.localeCompare(b)).map((n) => describeProfile(set, n)).filter((i) => opts.include?.(i) ?? true);
  const byName = new Map(infos.map((i) => [i.name, i]));
  const notes = opts.notes !== undefined ? await opts.notes(infos) : undefined;
  const recent = opts.recent.map((n) => byName.get(n)).filter((i): i is ProfileInfo => i !== undefined);
  const recentNames = new Set(recent.map((r) => r.name));
  const items: Array<Item | vscode.QuickPickItem> = [];
  if (recent.length > 0) {
    items.push({ label: 'recent', kind: vscode.QuickPickItemKind.Separator });
    for (const r of recent) items.push(itemFor(r, opts.active, opts.isProduction(r.name), notes?.get(r.name)));
  }
  items.push({ label: recent.length > 0 ? 'all profiles' : 'profiles', kind: vscode.QuickPickItemKind.Separator });
  for (const i of infos) if (!recentNames.has(i.name)) items.push(itemFor(i, opts.active, opts.isProduction(i.name), notes?.get(i.name)));
  items.push({ label: 'actions', kind: vscode.QuickPickItemKind.Separator });
  if (opts.active !== undefined) items.push({ label: '$(sign-out) Sign out', description: `stop using ${opts.active}`, result: { kind: 'signOut' } } as Item);
  items.push({ label: '$(go-to-file) Open config file', description: '~/.aws/config', result: { kind: 'openConfig' } } as Item);

  const qp = vscode.window.createQuickPick<Item | vscode.QuickPickItem>();
  qp.title = opts.title ?? 'AWS: Switch Profile';
  qp.placeholder = infos.length === 0 ? 'No profiles found in the AWS config files' : 'Type to filter profiles by name, kind, account or region';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.items = items;
  const activeItem = items.find((i): i is Item => 'result' in i && i.result?.kind === 'profile' && i.result.info.name === opts.active);
  if (activeItem !== undefined) qp.activeItems = [activeItem];
  return new Promise((resolve) => {
    let result: PickResult;
    qp.onDidAccept(() => {
      const sel = qp.selectedItems[0];
      result = sel !== undefined && 'result' in sel ? (sel as Item).result : undefined;
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(result);
    });
    qp.show();
  });
}
