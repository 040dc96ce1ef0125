/**
 * The Profiles view (Activity Bar): folder sessions and pinned terminals when there are some, then
 * accounts → profiles with their kind, Region, a production mark and, for the window's profile,
 * its time left. Inline: assume, open a pinned terminal, open the console; more in the context
 * menu. A filter in the title bar. Follows config edits, switches, refreshes, folders and
 * terminals without a reload; with 5,000 profiles, accounts start collapsed and rows are made
 * only for what is expanded.
 */
import * as vscode from 'vscode';
import { ProfileSet } from '../../config/profiles';
import { ProfileInfo, ProfileKind } from '../../credentials/profileInfo';
import { SessionSnapshot } from '../../credentials/session';
import { formatRemaining } from '../format';
import { AccountGroup, accountGroups } from '../picker/profileGroups';
import { errorWithPlace, kindLabel } from '../words';
import { CommandId } from '../commands/ids';

export const PROFILES_VIEW = 'awsRoleSwitcher.profiles';
/** Accounts start expanded up to this many profiles in all. */
const EXPAND_UP_TO = 40;
/** How often the window profile's time left is redrawn. */
const COUNTDOWN_MS = 30_000;

export type ViewNode =
  | { readonly kind: 'account'; readonly group: AccountGroup }
  | { readonly kind: 'profile'; readonly info: ProfileInfo; readonly profileName: string }
  | { readonly kind: 'folders' }
  | { readonly kind: 'folder'; readonly folder: string; readonly profileName: string; readonly status: string }
  | { readonly kind: 'pinnedRoot' }
  | { readonly kind: 'pinned'; readonly id: string; readonly profileName: string; readonly name: string };

export interface ProfilesViewDeps {
  readonly config: () => ProfileSet | undefined;
  readonly describeAll: (set: ProfileSet) => ProfileInfo[];
  readonly snapshot: () => SessionSnapshot;
  readonly isProduction: (profile: string) => boolean;
  readonly folders: () => ReadonlyArray<{ folder: string; profile: string; status: string }>;
  readonly pinned: () => ReadonlyArray<{ id: string; profile: string; name: string }>;
  readonly now: () => number;
}

/** A row's icon by kind (active, broken and production rows have their own): every kind has one. */
const VIEW_ICONS: Record<ProfileKind, string> = {
  static: 'key',
  role: 'account',
  'mfa-role': 'account',
  'web-identity': 'account',
  process: 'account',
  sso: 'organization',
  login: 'globe',
  environment: 'account',
  container: 'account',
  instance: 'account',
  invalid: 'error',
};

export class ProfilesView implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly tree: vscode.TreeView<ViewNode>;
  private filter = '';
  private contextFor: ProfileSet | undefined;
  private groups: { set: ProfileSet; filter: string; groups: AccountGroup[] } | undefined;
  private readonly timer: ReturnType<typeof setInterval>;
  /** What the rows last drawn were drawn from (see `redraw`). */
  private drawn: { readonly set: ProfileSet | undefined; readonly rest: string } | undefined;

  constructor(private readonly d: ProfilesViewDeps) {
    this.tree = vscode.window.createTreeView(PROFILES_VIEW, { treeDataProvider: this, showCollapseAll: true });
    // Only the active row's countdown changes; redrawn while the view is on screen.
    this.timer = setInterval(() => this.tree.visible && this.d.snapshot().expiration !== undefined && this.redraw(), COUNTDOWN_MS);
    void this.updateContext();
  }

  /** Files, session, folders or terminals changed. */
  changed(): void {
    void this.updateContext();
    this.redraw();
  }

  /**
   * Redraws only when a row would change. VS Code gives the keyboard back to a tree it redraws if
   * the tree had it a moment before, so a redraw landing as a quick input opens from the view
   * takes the keyboard from that input (an Enter then ran a row instead of the pick; seen once in
   * a CI run, after a config write read twice). Events come far more often than changes.
   */
  private redraw(): void {
    const set = this.d.config();
    const rest = this.drawnFrom(set);
    if (this.drawn !== undefined && this.drawn.set === set && this.drawn.rest === rest) return;
    this.drawn = { set, rest };
    this.emitter.fire(undefined);
  }

  /** What the rows are drawn from besides the files' profiles (a new read is a new set), as a string. */
  private drawnFrom(set: ProfileSet | undefined): string {
    const s = this.d.snapshot();
    const active = s.status === 'none' ? '' : s.profile;
    const left = active !== '' && s.expiration !== undefined ? formatRemaining(s.expiration.getTime() - this.d.now()) : '';
    const production = set === undefined ? [] : [...set.profiles.keys()].filter((p) => this.d.isProduction(p));
    return JSON.stringify([this.filter, active, left, production, this.d.folders(), this.d.pinned()]);
  }

  get filterText(): string {
    return this.filter;
  }

  setFilter(text: string): void {
    this.filter = text.trim();
    this.tree.description = this.filter === '' ? undefined : vscode.l10n.t('filter: {0}', this.filter);
    void vscode.commands.executeCommand('setContext', 'awsRoleSwitcher.profilesFiltered', this.filter !== '');
    this.redraw();
  }

  private async updateContext(): Promise<void> {
    const set = this.d.config();
    if (set === this.contextFor) return; // only the files change whether there are profiles
    this.contextFor = set;
    // The welcome view (create the file, import from IAM Identity Center, Get Started) shows when
    // the tree would be empty: no profile to list, a [default] holding only a Region included.
    const none = set !== undefined && accountGroups(set, this.d.describeAll(set)).length === 0;
    await vscode.commands.executeCommand('setContext', 'awsRoleSwitcher.noProfiles', none);
  }

  private accountGroups(set: ProfileSet): AccountGroup[] {
    if (this.groups?.set !== set || this.groups.filter !== this.filter) {
      this.groups = { set, filter: this.filter, groups: accountGroups(set, this.d.describeAll(set), this.filter) };
    }
    return this.groups.groups;
  }

  getChildren(node?: ViewNode): ViewNode[] {
    const set = this.d.config();
    if (set === undefined) return [];
    if (node === undefined) {
      const top: ViewNode[] = [];
      if (this.d.folders().length > 0) top.push({ kind: 'folders' });
      if (this.d.pinned().length > 0) top.push({ kind: 'pinnedRoot' });
      return [...top, ...this.accountGroups(set).map((group): ViewNode => ({ kind: 'account', group }))];
    }
    switch (node.kind) {
      case 'account':
        return node.group.profiles.map((info): ViewNode => ({ kind: 'profile', info, profileName: info.name }));
      case 'folders':
        return this.d.folders().map((f): ViewNode => ({ kind: 'folder', folder: f.folder, profileName: f.profile, status: f.status }));
      case 'pinnedRoot':
        return this.d.pinned().map((p): ViewNode => ({ kind: 'pinned', id: p.id, profileName: p.profile, name: p.name }));
      default:
        return [];
    }
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    switch (node.kind) {
      case 'account':
        return this.accountItem(node.group);
      case 'profile':
        return this.profileItem(node.info);
      case 'folders': {
        const item = new vscode.TreeItem(vscode.l10n.t('Folder sessions'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'folders';
        item.iconPath = new vscode.ThemeIcon('root-folder');
        return item;
      }
      case 'folder': {
        const item = new vscode.TreeItem(node.folder);
        item.id = `folder:${node.folder}`;
        item.description = `${node.profileName} · ${node.status}`;
        item.iconPath = new vscode.ThemeIcon('folder');
        item.contextValue = 'folderSession';
        return item;
      }
      case 'pinnedRoot': {
        const item = new vscode.TreeItem(vscode.l10n.t('Pinned terminals'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'pinned';
        item.iconPath = new vscode.ThemeIcon('terminal');
        return item;
      }
      case 'pinned': {
        const item = new vscode.TreeItem(node.name);
        item.id = `pinned:${node.id}`;
        item.description = node.profileName;
        item.iconPath = new vscode.ThemeIcon('cloud');
        item.contextValue = 'pinnedTerminal';
        item.command = { title: vscode.l10n.t('Show Terminal'), command: 'awsRoleSwitcher.showPinnedTerminal' satisfies CommandId, arguments: [node.id] };
        return item;
      }
    }
  }

  private accountItem(g: AccountGroup): vscode.TreeItem {
    const total = this.groups?.groups.reduce((n, x) => n + x.profiles.length, 0) ?? 0;
    const label =
      g.key === 'other' ? vscode.l10n.t('Other profiles') : g.key === 'problems' ? vscode.l10n.t('Cannot be used') : (g.accountName ?? g.accountId ?? '?');
    const state = total <= EXPAND_UP_TO || this.filter !== '' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(label, state);
    // A filtered tree is a new tree to VS Code (which would otherwise keep each account's collapsed state).
    item.id = this.filter === '' ? g.key : `${g.key}|${this.filter}`;
    if (g.accountName !== undefined) item.description = g.accountId;
    item.iconPath = new vscode.ThemeIcon(g.key === 'problems' ? 'warning' : g.key === 'other' ? 'key' : 'organization');
    item.contextValue = 'account';
    return item;
  }

  private profileItem(info: ProfileInfo): vscode.TreeItem {
    const s = this.d.snapshot();
    const active = s.profile === info.name && s.status !== 'none';
    const prod = this.d.isProduction(info.name);
    const item = new vscode.TreeItem(info.name);
    item.id = `profile:${info.name}${this.filter === '' ? '' : `|${this.filter}`}`;
    const parts = [kindLabel(info.kind), info.region, prod ? vscode.l10n.t('production') : undefined];
    if (active) {
      const left = s.expiration !== undefined ? formatRemaining(s.expiration.getTime() - this.d.now()) : undefined;
      parts.unshift(left !== undefined ? vscode.l10n.t('active · {0}', left) : vscode.l10n.t('active'));
    }
    item.description = parts.filter((x) => x !== undefined).join(' · ');
    item.iconPath = active
      ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
      : info.kind === 'invalid'
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
        : prod
          ? new vscode.ThemeIcon('shield', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : new vscode.ThemeIcon(VIEW_ICONS[info.kind]);
    const tip = new vscode.MarkdownString();
    tip.appendText(`${info.name} — ${[kindLabel(info.kind), info.accountId, info.region].filter((x) => x !== undefined).join(' · ')}`);
    if (info.roleArn !== undefined) tip.appendText(`\n\n${info.roleArn}`);
    if (info.chain.length > 1) tip.appendText(`\n\n${info.chain.join(' → ')}`);
    if (info.error !== undefined) tip.appendText(`\n\n${errorWithPlace(info) ?? ''}`);
    item.tooltip = tip;
    // For the menus: profile[.active|.invalid][.signIn] (IAM Identity Center's or a console sign-in)
    const signIn = info.ssoSignIn !== undefined || info.loginSignIn !== undefined;
    item.contextValue = `profile${info.kind === 'invalid' ? '.invalid' : active ? '.active' : ''}${signIn ? '.signIn' : ''}`;
    return item;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.tree.dispose();
    this.emitter.dispose();
  }
}
