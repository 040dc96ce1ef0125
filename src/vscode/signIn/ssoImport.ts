/**
 * Import Profiles from IAM Identity Center: for an sso-session (or a new one), the accounts and
 * roles the portal lists become profiles named by a template, written as a marked block of the
 * config file after the person has seen the change as a diff and said Write. A session that is
 * not signed in is signed in first (`aws sso login --sso-session`).
 */
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { afterWalkthroughSettles } from '../picker/steadyInput';
import { DEFAULT_NAME_TEMPLATE, ImportBlockError, ImportPlan, ImportedRole, addSsoSession, isPortalUrl, planImport } from '../../config/importBlock';
import { isName } from '../../config/parser';
import { get } from '../../config/profiles';
import { AWS_REGIONS, isRegionName } from '../../config/regions';
import { PortalAccount, listPortalAccounts } from '../../credentials/signIn/ssoPortal';
import { ChangedMeanwhileError, linkTarget, readOrEmpty, writeFileThroughLinks } from '../../credentials/nodeFileWrite';
import { CredentialsError } from '../../credentials/types';
import { ConfigFiles } from '../editor/configFiles';
import { Engine } from '../session/engine';
import { Log } from '../log';
import { SECTION } from '../settings';
import { SsoSignIn } from './ssoSignIn';

export const IMPORT_SCHEME = 'aws-role-switcher-import';

export interface SsoImportDeps {
  readonly files: ConfigFiles;
  readonly engine: Engine;
  readonly signIn: SsoSignIn;
  readonly log: Log;
}

/** The proposed config text, shown on the right of the diff. */
class Proposals implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.emitter.fire(uri);
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

/** What the import leaves out, said once: names of the person's, names two roles share, names the portal sent that cannot be written. */
function notWritten(plan: ImportPlan): string {
  const parts: string[] = [];
  if (plan.skipped.length > 0) parts.push(vscode.l10n.t('Left to you (a profile of yours has the name): {0}.', plan.skipped.join(', ')));
  if (plan.dropped.length > 0)
    parts.push(
      vscode.l10n.t('Not written (another role of the list has the name; add {0} to the name template): {1}.', '{account_id}', plan.dropped.join(', ')),
    );
  if (plan.refused.length > 0)
    parts.push(vscode.l10n.t('Not written (the portal sent a name that is not an AWS account ID or role name): {0}.', plan.refused.join(', ')));
  return parts.length > 0 ? ' ' + parts.join(' ') : '';
}

/**
 * Every step of the import keeps its place when the focus leaves it (`ignoreFocusOut`): the person
 * goes to the browser to sign in or to copy the portal's URL, and a focus change in VS Code (a
 * terminal or view taking it late) must not throw away the roles they checked.
 */
export class SsoImport implements vscode.Disposable {
  private readonly proposals = new Proposals();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(IMPORT_SCHEME, this.proposals);

  constructor(private readonly d: SsoImportDeps) {}

  async run(sessionArg?: string): Promise<ImportPlan | undefined> {
    const cfg = await this.d.files.loaded();
    if (cfg === undefined) return undefined;
    const configPath = cfg.locations.config.path;
    const session =
      sessionArg ??
      (await this.chooseSession(
        [...cfg.ssoSessions].map(([name, s]) => ({ name, url: get(s, 'sso_start_url') ?? '' })),
        configPath,
      ));
    if (session === undefined) return undefined;
    const accounts = await this.accounts(session);
    if (accounts === undefined) return undefined;
    const roles: ImportedRole[] = accounts.flatMap((a) => a.roles.map((roleName) => ({ accountId: a.accountId, accountName: a.accountName, roleName })));
    if (roles.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('IAM Identity Center (sso-session {0}) lists no accounts and roles for you.', session));
      return undefined;
    }
    const picked = await this.chooseRoles(roles, session);
    if (picked === undefined) return undefined;

    const settings = vscode.workspace.getConfiguration(SECTION);
    const template = settings.get<string>('ssoImport.profileNameTemplate', DEFAULT_NAME_TEMPLATE);
    const fresh = await this.d.files.loaded();
    const regionSetting = settings.get<string>('ssoImport.region', '').trim();
    if (regionSetting !== '' && !isRegionName(regionSetting)) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The setting {0} is not an AWS Region name. Correct it, then import again.', `${SECTION}.ssoImport.region`),
      );
      return undefined;
    }
    // A Region from the file goes into every profile written: only a Region name does.
    const fromSession = get(fresh?.ssoSessions.get(session), 'sso_region');
    const region = regionSetting !== '' ? regionSetting : fromSession !== undefined && isRegionName(fromSession) ? fromSession : undefined;
    const options = { template, ...(region !== undefined ? { region } : {}) };
    const before = await readOrEmpty(configPath);
    const plan = this.plan(before, session, picked, options, configPath);
    if (plan === undefined) return undefined;
    if (plan.text === before) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The profiles of sso-session {0} are up to date.', session) + notWritten(plan));
      return plan;
    }
    // The change as a diff, then the question; nothing is written without Write.
    const right = vscode.Uri.from({ scheme: IMPORT_SCHEME, path: configPath, query: `session=${encodeURIComponent(session)}` });
    this.proposals.set(right, plan.text);
    const left = vscode.Uri.file(configPath);
    const exists =
      before !== '' ||
      (await stat(configPath).then(
        () => true,
        () => false,
      ));
    const leftUri = exists ? left : vscode.Uri.from({ scheme: IMPORT_SCHEME, path: `${configPath}.empty` });
    await vscode.commands.executeCommand(
      'vscode.diff',
      leftUri,
      right,
      vscode.l10n.t('{0} ↔ after the import from IAM Identity Center', cfg.locations.config.path),
    );
    const write = vscode.l10n.t('Write');
    const parts = [vscode.l10n.t('{0} new', plan.added.length), vscode.l10n.t('{0} kept', plan.kept.length), vscode.l10n.t('{0} removed', plan.removed.length)];
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('Write the profiles of sso-session {0} to {1}? {2}.', session, configPath, parts.join(', ')) + notWritten(plan),
      write,
    );
    await this.closeDiff(right);
    if (answer !== write) return undefined;
    const open = vscode.workspace.textDocuments.find((t) => t.uri.scheme === 'file' && t.uri.fsPath === configPath);
    if (open?.isDirty === true) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} has unsaved changes: save or revert them, then import again.', configPath));
      return undefined;
    }
    // What is written is what the diff showed: a file changed since (by hand, by another program) is not overwritten.
    try {
      await writeFileThroughLinks(configPath, plan.text, { expect: before });
    } catch (e) {
      if (!(e instanceof ChangedMeanwhileError)) throw e;
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} changed while the import was shown; nothing was written. Import again to see the change on the file as it is now.', configPath),
      );
      return undefined;
    }
    this.d.log.info(
      `imported ${plan.added.length + plan.kept.length} profiles of sso-session ${session} into ${await linkTarget(configPath)} (${parts.join(', ')})`,
    );
    await this.d.files.load();
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Wrote {0} profiles of sso-session {1}. They are in the picker and the Profiles view.', plan.added.length + plan.kept.length, session),
    );
    return plan;
  }

  /** The plan, or undefined after saying why there is none (markers that cannot be rewritten safely, a bad value). */
  private plan(
    text: string,
    session: string,
    roles: ImportedRole[],
    options: { template: string; region?: string },
    configPath: string,
  ): ImportPlan | undefined {
    try {
      return planImport(text, session, roles, options);
    } catch (e) {
      const openIt = vscode.l10n.t('Open Config File');
      const line = e instanceof ImportBlockError ? e.line : undefined;
      const message =
        e instanceof ImportBlockError
          ? vscode.l10n.t('{0} Nothing was written: correct or remove the marker line ({1}:{2}), then import again.', e.message, configPath, String(e.line))
          : vscode.l10n.t('{0} Nothing was written.', (e as Error).message);
      void vscode.window.showErrorMessage(message, ...(line !== undefined ? [openIt] : [])).then((c) => {
        if (c === openIt) void this.d.files.open(undefined, line);
      });
      this.d.log.warn(`import of sso-session ${session} refused: ${(e as Error).message}`);
      return undefined;
    }
  }

  private async closeDiff(right: vscode.Uri): Promise<void> {
    for (const group of vscode.window.tabGroups.all)
      for (const tab of group.tabs)
        if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === right.toString()) await vscode.window.tabGroups.close(tab);
  }

  /** An sso-session of the file, or a new one (written to the file before the sign-in, which reads it). */
  private async chooseSession(sessions: Array<{ name: string; url: string }>, configPath: string): Promise<string | undefined> {
    const NEW = '$(add) ' + vscode.l10n.t('New sso-session…');
    await afterWalkthroughSettles(); // the walkthrough's Import button
    if (sessions.length > 0) {
      const pick = await vscode.window.showQuickPick(
        [...sessions.map((s) => ({ label: s.name, description: s.url })), { label: NEW, description: vscode.l10n.t('an AWS access portal URL') }],
        {
          title: vscode.l10n.t('Import Profiles from IAM Identity Center'),
          placeHolder: vscode.l10n.t('The sso-session to list the accounts and roles of'),
          ignoreFocusOut: true,
        },
      );
      if (pick === undefined) return undefined;
      if (pick.label !== NEW) return pick.label;
    }
    const url = await vscode.window.showInputBox({
      title: vscode.l10n.t('Import Profiles from IAM Identity Center (1/3)'),
      prompt: vscode.l10n.t('Your AWS access portal URL'),
      placeHolder: 'https://my-org.awsapps.com/start',
      ignoreFocusOut: true,
      validateInput: (v) => (isPortalUrl(v.trim()) ? undefined : vscode.l10n.t('An https:// URL, such as https://my-org.awsapps.com/start')),
    });
    if (url === undefined) return undefined;
    const region = await vscode.window.showQuickPick(
      AWS_REGIONS.map(([id, label]) => ({ label: id, description: label })),
      {
        title: vscode.l10n.t('Import Profiles from IAM Identity Center (2/3)'),
        placeHolder: vscode.l10n.t('The Region of your IAM Identity Center'),
        ignoreFocusOut: true,
      },
    );
    if (region === undefined || !isRegionName(region.label)) return undefined;
    const suggested = /^https:\/\/([^./]+)\./.exec(url.trim())?.[1] ?? 'sso';
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Import Profiles from IAM Identity Center (3/3)'),
      prompt: vscode.l10n.t('A name for the sso-session'),
      value: suggested,
      ignoreFocusOut: true,
      validateInput: (v) =>
        !isName(v)
          ? vscode.l10n.t('Letters, digits and - / . % @ _ : + only')
          : sessions.some((s) => s.name === v)
            ? vscode.l10n.t('There is an sso-session {0} already', v)
            : undefined,
    });
    if (name === undefined) return undefined;
    const text = await readOrEmpty(configPath);
    try {
      await writeFileThroughLinks(configPath, addSsoSession(text, name, url.trim(), region.label), { expect: text });
    } catch (e) {
      if (e instanceof ChangedMeanwhileError) {
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} changed while the sso-session was added; nothing was written. Try again.', configPath));
        return undefined;
      }
      throw e;
    }
    this.d.log.info(`added [sso-session ${name}] to ${configPath}`);
    await this.d.files.load();
    return name;
  }

  /** The portal's accounts, signing in first when the session needs it. */
  private async accounts(session: string): Promise<PortalAccount[] | undefined> {
    const list = () =>
      vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Listing the accounts and roles of sso-session {0}…', session),
          cancellable: true,
        },
        async (_progress, token) => {
          const cfg = await this.d.files.loaded();
          if (cfg === undefined) return [];
          const listing = listPortalAccounts(cfg, session, this.d.engine.deps(), () => token.isCancellationRequested);
          // Cancel ends the wait at once; a request in flight ends by itself and nothing follows it.
          listing.catch(() => undefined);
          const cancelled = new Promise<never>((_, reject) =>
            token.onCancellationRequested(() => reject(new CredentialsError('The listing was cancelled.', { code: 'Cancelled' }))),
          );
          return Promise.race([listing, cancelled]);
        },
      );
    const isCancel = (e: unknown) => e instanceof CredentialsError && e.code === 'Cancelled';
    try {
      return await list();
    } catch (e) {
      if (isCancel(e)) return undefined;
      if (!(e instanceof CredentialsError) || e.code !== 'NeedsLogin') throw e;
    }
    const signIn = vscode.l10n.t('Sign In');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('Sign in to IAM Identity Center (sso-session {0}) to list your accounts and roles.', session),
      signIn,
    );
    if (answer !== signIn || !(await this.d.signIn.signInSession(session))) return undefined;
    try {
      return await list();
    } catch (e) {
      if (isCancel(e)) return undefined;
      throw e;
    }
  }

  private async chooseRoles(roles: ImportedRole[], session: string): Promise<ImportedRole[] | undefined> {
    const items = roles.map((r) => ({ label: r.roleName, description: `${r.accountName} · ${r.accountId}`, picked: true, role: r }));
    const chosen = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: vscode.l10n.t('Import Profiles from IAM Identity Center: sso-session {0}', session),
      placeHolder: vscode.l10n.t('{0} roles in {1} accounts: a profile for each one checked', roles.length, new Set(roles.map((r) => r.accountId)).size),
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    return chosen === undefined || chosen.length === 0 ? undefined : chosen.map((c) => c.role);
  }

  dispose(): void {
    this.registration.dispose();
  }
}
