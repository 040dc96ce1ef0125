/**
 * The profile quick pick. What it shows of each profile only changes when the files (or the
 * production list, or a sign-in state) change, so the described profiles and their rows are kept
 * per loaded config and reused by every open; an open only orders them (recent first).
 *
 * Order: see pickerOrder.ts; then the actions.
 */
import { isProductionProfile } from '../../credentials/production';
import * as vscode from 'vscode';
import { showSteadily } from './steadyInput';
import { formatDiagnostic } from '../../config/loader';
import { ProfileSet } from '../../config/profiles';
import { ProfileInfo, ProfileKind, describeProfile } from '../../credentials/profileInfo';
import { SsoSignInRef, signInKey } from '../../credentials/signIn/ssoStatus';
import { GroupName, PickerGroups, RowGroup, openGroups, pageOf, pickerGroups, recentRows } from './pickerOrder';
import { errorWithPlace, kindLabel } from '../words';
import { loginNoteKey } from './signInNotes';

export type PickResult =
  | { kind: 'profile'; info: ProfileInfo }
  /** The row's Open Console button. */
  | { kind: 'console'; info: ProfileInfo }
  | { kind: 'signOut' }
  | { kind: 'openConfig' }
  | undefined;

/** Up to this many profiles the picker lists them all, and VS Code's own filter works on them. */
const LIST_ALL = 100;

/**
 * Above `LIST_ALL`, the profile rows sent to VS Code at open and for each query; typing finds
 * among all of them. At 5,000 profiles, later opens measured 34–37 ms with 30 rows against
 * 38–48 ms with 100 (four runs each, taken in turn), first opens 84–89 against 85–107 ms.
 */
const PAGE_ROWS = 30;

const CONSOLE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: vscode.l10n.t('Open Console') };

interface Item extends vscode.QuickPickItem {
  readonly result: PickResult;
}

type Row = Item | vscode.QuickPickItem;

/** What one open shows (see `openOf`). */
interface Open {
  readonly groups: Array<RowGroup<Row>>;
  /** The actions, always listed. */
  readonly tail: Row[];
  /** How many profiles the open lists. */
  readonly profiles: number;
  /** The active profile's row, marked. */
  readonly active: Item | undefined;
  /** The row to show for a kept row: the marked one for the active profile. */
  readonly shown: ((r: Row) => Row) | undefined;
}

const SEPARATORS: Record<GroupName | 'actions', () => string> = {
  recent: () => vscode.l10n.t('recent'),
  all: () => vscode.l10n.t('all profiles'),
  profiles: () => vscode.l10n.t('profiles'),
  problems: () => vscode.l10n.t('with problems'),
  settingsOnly: () => vscode.l10n.t('settings only (no credentials)'),
  actions: () => vscode.l10n.t('actions'),
};

function separator(g: GroupName | 'actions'): vscode.QuickPickItem {
  return { label: SEPARATORS[g](), kind: vscode.QuickPickItemKind.Separator };
}

export interface PickOptions {
  readonly active: string | undefined;
  readonly recent: readonly string[];
  readonly title: string;
  readonly include?: (info: ProfileInfo) => boolean;
}

export interface ProfilePickerOptions {
  /** The production patterns (`awsRoleSwitcher.productionProfiles`: names and accounts), read at each open. */
  readonly productionPatterns: () => readonly string[];
  /** Words for each sign-in the rows depend on (their state), read at each open: IAM Identity Center's by `signInKey`, `aws login`'s by `loginNoteKey`. */
  readonly notes: (signIns: readonly SsoSignInRef[], logins: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  /** Called once the picker is on screen (to warm, while the person chooses, what a pick will need). */
  readonly onShown?: () => void;
}

/** What an open reads of the profiles, kept until the files change. */
interface Described {
  readonly set: ProfileSet;
  /** In name order. */
  readonly infos: ProfileInfo[];
  /** The distinct sign-ins the profiles depend on (a handful, however many profiles). */
  readonly signIns: SsoSignInRef[];
  /** The login_session values of the login profiles and the roles over them. */
  readonly logins: string[];
}

/** The rows, kept until the files, the production list or a sign-in's words change. */
interface Rows {
  readonly set: ProfileSet;
  readonly key: string;
  readonly byName: Map<string, Item>;
  readonly groups: PickerGroups<Item>;
}

export class ProfilePicker {
  private described: Described | undefined;
  private rows: Rows | undefined;

  constructor(private readonly o: ProfilePickerOptions) {}

  /** Every profile of `set`, described against the whole set, by name; kept until the files change. */
  describeAll(set: ProfileSet): ProfileInfo[] {
    return this.describedOf(set).infos;
  }

  private describedOf(set: ProfileSet): Described {
    if (this.described?.set !== set) {
      const infos = [...set.profiles.keys()].sort((a, b) => a.localeCompare(b)).map((n) => describeProfile(set, n));
      const signIns = new Map<string, SsoSignInRef>();
      for (const i of infos) if (i.ssoSignIn !== undefined) signIns.set(signInKey(i.ssoSignIn), i.ssoSignIn);
      const logins = new Set<string>();
      for (const i of infos) if (i.loginSignIn !== undefined) logins.add(i.loginSignIn.session);
      this.described = { set, infos, signIns: [...signIns.values()], logins: [...logins] };
    }
    return this.described;
  }

  /**
   * Describes the profiles and builds their rows ahead of the first open (called off the current
   * task once the files are read), so that the first open only orders them.
   */
  async prepare(set: ProfileSet): Promise<void> {
    const described = this.describedOf(set);
    this.rowsFor(described, await this.o.notes(described.signIns, described.logins));
  }

  /** Shows the picker; resolves with the choice (undefined when dismissed). */
  async pick(set: ProfileSet, opts: PickOptions): Promise<PickResult> {
    const described = this.describedOf(set);
    const notes = await this.o.notes(described.signIns, described.logins);
    return this.show(this.openOf(this.rowsFor(described, notes), opts), opts);
  }

  /**
   * What one open shows, in order: only the recent ones and the active one differ between opens,
   * and neither copies the kept rows (see `openGroups` and `pageOf`).
   */
  private openOf(rows: Rows, opts: PickOptions): Open {
    const f = opts.include;
    const include = f !== undefined ? (r: Row): boolean => 'result' in r && f(infoOf(r)) : undefined;
    const recent = recentRows(opts.recent, { byName: rows.byName, info: infoOf, ...(include !== undefined ? { include } : {}) });
    const { groups, count } = openGroups<Row>(rows.groups, recent, separator, include);
    const base = opts.active !== undefined ? rows.byName.get(opts.active) : undefined;
    const active =
      base !== undefined && (include === undefined || include(base))
        ? { ...base, description: `${base.description ?? ''} · ${vscode.l10n.t('active')}` }
        : undefined;
    const tail: Row[] = [separator('actions')];
    if (opts.active !== undefined)
      tail.push({
        label: `$(sign-out) ${vscode.l10n.t('Sign out')}`,
        description: vscode.l10n.t('stop using {0}', opts.active),
        result: { kind: 'signOut' },
      } as Item);
    tail.push({ label: `$(go-to-file) ${vscode.l10n.t('Open config file')}`, description: '~/.aws/config', result: { kind: 'openConfig' } } as Item);
    return { groups, tail, profiles: count, active, shown: active !== undefined ? (r) => (r === base ? active : r) : undefined };
  }

  /** One row per profile and their groups, rebuilt only when the files, the production list or the notes changed. */
  private rowsFor(described: Described, notes: ReadonlyMap<string, string>): Rows {
    const { set, infos } = described;
    const patterns = this.o.productionPatterns();
    const key = `${patterns.join('\n')}\n${JSON.stringify([...notes])}`;
    if (this.rows === undefined || this.rows.key !== key || this.rows.set !== set) {
      const byName = new Map<string, Item>();
      for (const info of infos) {
        const note =
          info.ssoSignIn !== undefined
            ? notes.get(signInKey(info.ssoSignIn))
            : info.loginSignIn !== undefined
              ? notes.get(loginNoteKey(info.loginSignIn.session))
              : undefined;
        byName.set(info.name, rowOf(info, isProductionProfile(set, patterns, info.name), note));
      }
      const groups = pickerGroups(infos);
      const rowsOf = (list: ProfileInfo[]): Item[] => list.map((i) => byName.get(i.name) as Item);
      this.rows = {
        set,
        key,
        byName,
        groups: { usable: rowsOf(groups.usable), problems: rowsOf(groups.problems), settingsOnly: rowsOf(groups.settingsOnly) },
      };
    }
    return this.rows;
  }

  private show({ groups, tail, profiles, active, shown }: Open, opts: PickOptions): Promise<PickResult> {
    const qp = vscode.window.createQuickPick<Row>();
    qp.title = opts.title;
    qp.placeholder =
      profiles === 0 ? vscode.l10n.t('No profiles found in the AWS config files') : vscode.l10n.t('Type to filter profiles by name, kind, account or region');
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    const large = profiles > LIST_ALL;
    // Large sets: a page of rows at open; typing finds among all of them (see pageOf).
    const page = (query: string): Row[] =>
      pageOf(groups, tail, query, large ? PAGE_ROWS : Infinity, {
        ...(shown !== undefined ? { shown } : {}),
        ...(active !== undefined ? { keep: active } : {}),
      });
    if (large) qp.placeholder = vscode.l10n.t('Type to find among all {0} profiles (the first {1} are listed)', grouped(profiles), PAGE_ROWS);
    qp.items = page('');
    if (active !== undefined) qp.activeItems = [active];
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
      showSteadily(qp);
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
  const problem = info.error !== undefined ? errorWithPlace(info) : first !== undefined ? formatDiagnostic(first) : undefined;
  const icon = info.kind !== 'invalid' && info.diagnostics.length > 0 ? '$(warning)' : prod && info.kind !== 'invalid' ? '$(flame)' : PICKER_ICONS[info.kind];
  return {
    label: `${icon} ${info.name}`,
    description: `${parts.join(' · ')}${prod ? ` · ${vscode.l10n.t('production')}` : ''}`,
    ...(problem !== undefined ? { detail: `$(warning) ${problem}` } : info.chain.length > 1 ? { detail: info.chain.join(' → ') } : {}),
    ...(info.kind !== 'invalid' ? { buttons: [CONSOLE_BUTTON] } : {}),
    result: { kind: 'profile', info },
  };
}

/** A row's icon by kind (a problem or production goes before it): every kind has one. */
const PICKER_ICONS: Record<ProfileKind, string> = {
  static: '$(key)',
  role: '$(cloud)',
  'mfa-role': '$(shield)',
  'web-identity': '$(cloud)',
  process: '$(cloud)',
  sso: '$(cloud)',
  login: '$(cloud)',
  environment: '$(cloud)',
  container: '$(cloud)',
  instance: '$(cloud)',
  invalid: '$(error)',
};

function infoOf(r: Item): ProfileInfo {
  return (r.result as { info: ProfileInfo }).info;
}

/** 5007 → "5,007", without `toLocaleString` (whose first call in a process costs ~24 ms of ICU set-up). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
