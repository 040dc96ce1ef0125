/**
 * The profile quick pick. What it shows of each profile only changes when the files (or the
 * production list, or a sign-in state) change, so the described profiles and their rows are kept
 * per loaded config and reused by every open; an open only orders them (recent first).
 *
 * Order: see pickerOrder.ts; then the actions.
 */
import * as vscode from 'vscode';
import { formatDiagnostic } from '../config/loader';
import { ProfileSet } from '../config/profiles';
import { ProfileInfo, describeProfile } from '../credentials/profileInfo';
import { pagedRows, pickerGroups } from './pickerOrder';
import { describeError, kindLabel } from './words';

export type PickResult =
  | { kind: 'profile'; info: ProfileInfo }
  /** The row's Open Console button. */
  | { kind: 'console'; info: ProfileInfo }
  | { kind: 'signOut' }
  | { kind: 'openConfig' }
  | undefined;

/** Profile rows sent to VS Code at once; more are found by typing. */
const PAGE_ROWS = 300;

const CONSOLE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: vscode.l10n.t('Open Console') };

interface Item extends vscode.QuickPickItem {
  readonly result: PickResult;
}

type Row = Item | vscode.QuickPickItem;

export interface PickOptions {
  readonly active: string | undefined;
  readonly recent: readonly string[];
  readonly title: string;
  readonly include?: (info: ProfileInfo) => boolean;
}

export interface ProfilePickerOptions {
  readonly isProduction: (profile: string) => boolean;
  /** Extra words for some profiles (IAM Identity Center sign-in state), read at each open. */
  readonly notes: (infos: readonly ProfileInfo[]) => Promise<ReadonlyMap<string, string>>;
  /** Called once the picker is on screen (to warm, while the person chooses, what a pick will need). */
  readonly onShown?: () => void;
}

export class ProfilePicker {
  private described: { readonly set: ProfileSet; readonly infos: ProfileInfo[] } | undefined;
  private rows: { readonly set: ProfileSet; readonly key: string; readonly byName: Map<string, Item> } | undefined;

  constructor(private readonly o: ProfilePickerOptions) {}

  /** Every profile of `set`, described against the whole set, by name; kept until the files change. */
  describeAll(set: ProfileSet): ProfileInfo[] {
    if (this.described?.set !== set) {
      const infos = [...set.profiles.keys()].sort((a, b) => a.localeCompare(b)).map((n) => describeProfile(set, n));
      this.described = { set, infos };
    }
    return this.described.infos;
  }

  /** Shows the picker; resolves with the choice (undefined when dismissed). */
  async pick(set: ProfileSet, opts: PickOptions): Promise<PickResult> {
    const all = this.describeAll(set);
    const infos = opts.include !== undefined ? all.filter(opts.include) : all;
    const notes = await this.o.notes(infos);
    const items = this.itemsFor(set, all, infos, notes, opts);
    return this.show(items, opts, infos.length === 0);
  }

  private itemsFor(set: ProfileSet, all: readonly ProfileInfo[], infos: readonly ProfileInfo[], notes: ReadonlyMap<string, string>, opts: PickOptions): Row[] {
    const byName = this.rowsFor(set, all, notes);
    const row = (info: ProfileInfo): Item => {
      const base = byName.get(info.name) as Item;
      return info.name === opts.active ? { ...base, description: `${base.description ?? ''} · ${vscode.l10n.t('active')}` } : base;
    };
    const { recent, usable, problems, settingsOnly } = pickerGroups(infos, opts.recent);
    const sep = (label: string): vscode.QuickPickItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
    const items: Row[] = [];
    if (recent.length > 0) items.push(sep(vscode.l10n.t('recent')), ...recent.map(row));
    if (usable.length > 0 || recent.length === 0)
      items.push(sep(recent.length > 0 ? vscode.l10n.t('all profiles') : vscode.l10n.t('profiles')), ...usable.map(row));
    if (problems.length > 0) items.push(sep(vscode.l10n.t('with problems')), ...problems.map(row));
    if (settingsOnly.length > 0) items.push(sep(vscode.l10n.t('settings only (no credentials)')), ...settingsOnly.map(row));
    items.push(sep(vscode.l10n.t('actions')));
    if (opts.active !== undefined)
      items.push({
        label: `$(sign-out) ${vscode.l10n.t('Sign out')}`,
        description: vscode.l10n.t('stop using {0}', opts.active),
        result: { kind: 'signOut' },
      } as Item);
    items.push({ label: `$(go-to-file) ${vscode.l10n.t('Open config file')}`, description: '~/.aws/config', result: { kind: 'openConfig' } } as Item);
    return items;
  }

  /** One row per profile, rebuilt only when the files, the production list or the notes changed. */
  private rowsFor(set: ProfileSet, all: readonly ProfileInfo[], notes: ReadonlyMap<string, string>): Map<string, Item> {
    const prod = all.map((i) => this.o.isProduction(i.name));
    // Notes follow the sign-in session: the key holds one per session, not one per profile.
    const bySession = new Map<string, string>();
    for (const i of all) if (i.ssoSignIn !== undefined) bySession.set(i.ssoSignIn.session ?? i.ssoSignIn.startUrl, notes.get(i.name) ?? '');
    const key = `${prod.map((p) => (p ? 1 : 0)).join('')}\n${JSON.stringify([...bySession])}`;
    if (this.rows === undefined || this.rows.key !== key || this.rows.set !== set) {
      this.rows = { set, key, byName: new Map(all.map((info, n) => [info.name, rowOf(info, prod[n] === true, notes.get(info.name))])) };
    }
    return this.rows.byName;
  }

  private show(items: Row[], opts: PickOptions, empty: boolean): Promise<PickResult> {
    const qp = vscode.window.createQuickPick<Row>();
    qp.title = opts.title;
    qp.placeholder = empty
      ? vscode.l10n.t('No profiles found in the AWS config files')
      : vscode.l10n.t('Type to filter profiles by name, kind, account or region');
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    const isProfile = (r: Row): boolean => 'result' in r && (r.result?.kind === 'profile' || r.result?.kind === 'console');
    const large = items.filter(isProfile).length > PAGE_ROWS;
    // Large sets: a page of rows at open; typing finds among all of them (see pagedRows).
    const page = (query: string): Row[] =>
      pagedRows(items, query, PAGE_ROWS, {
        isProfile,
        isSeparator: (r) => r.kind === vscode.QuickPickItemKind.Separator,
        keep: (r) => 'result' in r && r.result?.kind === 'profile' && r.result.info.name === opts.active,
      }).rows;
    if (large) {
      const total = items.filter(isProfile).length;
      qp.placeholder = vscode.l10n.t('Type to find among all {0} profiles (the first {1} are listed)', total.toLocaleString('en-US'), PAGE_ROWS);
    }
    qp.items = large ? page('') : items;
    const activeItem = items.find((i): i is Item => 'result' in i && i.result?.kind === 'profile' && i.result.info.name === opts.active);
    if (activeItem !== undefined) qp.activeItems = [activeItem];
    return new Promise((resolve) => {
      let result: PickResult;
      const listeners = [
        ...(large ? [qp.onDidChangeValue((v) => (qp.items = page(v)))] : []),
        qp.onDidTriggerItemButton((e) => {
          const item = e.item;
          if ('result' in item && item.result?.kind === 'profile') {
            result = { kind: 'console', info: item.result.info };
            qp.hide();
          }
        }),
        qp.onDidAccept(() => {
          const sel = qp.selectedItems[0];
          result = sel !== undefined && 'result' in sel ? sel.result : undefined;
          qp.hide();
        }),
        qp.onDidHide(() => {
          for (const l of listeners) l.dispose();
          qp.dispose();
          resolve(result);
        }),
      ];
      qp.show();
      this.o.onShown?.();
    });
  }
}

function rowOf(info: ProfileInfo, prod: boolean, note: string | undefined): Item {
  if (info.settingsOnly) {
    return {
      label: `$(settings) ${info.name}`,
      description: [vscode.l10n.t('settings only'), info.region].filter((x) => x !== undefined).join(' · '),
      result: { kind: 'profile', info },
    };
  }
  const parts = [kindLabel(info.kind), info.accountId, info.region, note].filter((x): x is string => x !== undefined);
  const first = info.diagnostics[0];
  const problem = (info.error !== undefined ? describeError(info.error) : undefined) ?? (first !== undefined ? formatDiagnostic(first) : undefined);
  const icon =
    info.kind === 'invalid'
      ? '$(error)'
      : info.diagnostics.length > 0
        ? '$(warning)'
        : prod
          ? '$(flame)'
          : info.kind === 'mfa-role'
            ? '$(shield)'
            : info.kind === 'static'
              ? '$(key)'
              : '$(cloud)';
  return {
    label: `${icon} ${info.name}`,
    description: `${parts.join(' · ')}${prod ? ` · ${vscode.l10n.t('production')}` : ''}`,
    ...(problem !== undefined ? { detail: `$(warning) ${problem}` } : info.chain.length > 1 ? { detail: info.chain.join(' → ') } : {}),
    ...(info.kind !== 'invalid' ? { buttons: [CONSOLE_BUTTON] } : {}),
    result: { kind: 'profile', info },
  };
}
