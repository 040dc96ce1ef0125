import * as vscode from 'vscode';
import { formatClock, formatRemaining } from '../format';
import { describeError, kindLabel } from '../words';
import { SessionSnapshot } from '../../credentials/session';
import { CommandId } from '../commands/ids';

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export class StatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private snap: SessionSnapshot = { status: 'none', steps: [] };
  private ticker: ReturnType<typeof setTimeout> | undefined;
  private assuming: string | undefined;
  private folders: Array<{ folder: string; profile: string; status: string }> = [];

  constructor(
    private readonly o: {
      now: () => number;
      expiryWindowMs: () => number;
      isProduction: (p: string) => boolean;
      /** awsRoleSwitcher.region ('' = none): a Region chosen for every profile. */
      regionOverride: () => string;
    },
  ) {
    this.item = vscode.window.createStatusBarItem('awsRoleSwitcher.status', vscode.StatusBarAlignment.Left, 100);
    this.item.name = 'AWS Role Switcher';
    this.item.command = 'awsRoleSwitcher.switchProfile' satisfies CommandId;
    this.render();
    this.item.show();
  }

  update(s: SessionSnapshot): void {
    this.snap = s;
    this.render();
  }

  /** Multi-root folders with a profile of their own, listed in the tooltip. */
  setFolders(folders: Array<{ folder: string; profile: string; status: string }>): void {
    this.folders = folders;
    this.render();
  }

  /** Shows a spinner while a switch is under way. */
  setAssuming(profile: string | undefined): void {
    this.assuming = profile;
    this.render();
  }

  private render(): void {
    if (this.ticker !== undefined) clearTimeout(this.ticker);
    this.ticker = undefined;
    const s = this.snap;
    const item = this.item;
    item.color = undefined;
    item.backgroundColor = undefined;
    if (this.assuming !== undefined) {
      item.text = `$(sync~spin) AWS: ${this.assuming}…`;
      item.tooltip = vscode.l10n.t('Assuming {0}…', this.assuming);
      item.accessibilityInformation = { label: vscode.l10n.t('AWS Role Switcher: assuming {0}', this.assuming) };
      return;
    }
    const folderLines = this.folders.map((f) => `- Folder **${esc(f.folder)}**: ${esc(f.profile)} (${f.status})`).join('\n');
    if (s.status === 'none' || s.profile === undefined) {
      item.text = `$(cloud) AWS: ${vscode.l10n.t('none')}`;
      item.tooltip = new vscode.MarkdownString(
        `**AWS Role Switcher**\n\n${vscode.l10n.t('No profile is active. Click to pick one.')}${folderLines ? `\n\n${folderLines}` : ''}`,
      );
      item.accessibilityInformation = { label: vscode.l10n.t('AWS Role Switcher: no profile active') };
      return;
    }
    const prod = this.o.isProduction(s.profile);
    const now = this.o.now();
    const left = s.expiration !== undefined ? s.expiration.getTime() - now : undefined;
    const who = [s.accountId, s.roleName].filter((x) => x !== undefined).join(' ');
    const expired = s.status === 'expired' || (s.status === 'failed' && s.credentials === undefined) || (left !== undefined && left <= 0);
    const time = left === undefined ? '' : ` ${formatRemaining(left)}`;
    const icon = expired ? '$(error)' : s.status === 'refreshing' ? '$(sync~spin)' : prod ? '$(flame)' : '$(cloud)';
    // The Region shows when it is not the profile's own (Switch Region, AWS_REGION): it outlives switches.
    const otherRegion =
      s.region !== undefined && s.region !== s.info?.region && (this.o.regionOverride() !== '' || s.info?.region !== undefined) ? ` · ${s.region}` : '';
    item.text = `${icon} ${prod ? 'PROD ' : ''}${s.profile}${who ? ` (${who})` : ''}${otherRegion}${time}`;
    if (expired) item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    else if (left !== undefined && left <= this.o.expiryWindowMs()) item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    else if (prod) item.color = new vscode.ThemeColor('awsRoleSwitcher.productionForeground');
    item.accessibilityInformation = {
      label: expired
        ? vscode.l10n.t('AWS Role Switcher: {0}, expired', s.profile)
        : left !== undefined
          ? vscode.l10n.t('AWS Role Switcher: {0}, {1} left', s.profile, formatRemaining(left))
          : vscode.l10n.t('AWS Role Switcher: {0}', s.profile),
    };

    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**AWS: ${esc(s.profile)}**${prod ? ` — $(flame) ${vscode.l10n.t('production')}` : ''}\n\n`);
    if (s.info !== undefined) md.appendMarkdown(`- ${vscode.l10n.t('Kind')}: ${kindLabel(s.info.kind)}\n`);
    if (s.arn !== undefined) md.appendMarkdown(`- ${vscode.l10n.t('Identity')}: \`${s.arn}\`\n`);
    if (s.info?.roleArn !== undefined) md.appendMarkdown(`- ${vscode.l10n.t('Role')}: \`${s.info.roleArn}\`\n`);
    if (s.accountId !== undefined) md.appendMarkdown(`- ${vscode.l10n.t('Account')}: ${s.accountId}\n`);
    if (s.region !== undefined)
      md.appendMarkdown(
        `- ${vscode.l10n.t('Region')}: ${s.region}${otherRegion !== '' ? ` (${s.info?.region !== undefined ? vscode.l10n.t("the profile's own is {0}", s.info.region) : vscode.l10n.t('not from the profile')})` : ''}\n`,
      );
    if (s.info !== undefined && s.info.chain.length > 1) md.appendMarkdown(`- ${vscode.l10n.t('Chain')}: ${s.info.chain.map(esc).join(' → ')}\n`);
    if (s.expiration !== undefined)
      md.appendMarkdown(`- ${vscode.l10n.t('Expires')}: ${formatClock(s.expiration)}${left !== undefined ? ` (${formatRemaining(left)})` : ''}\n`);
    if (s.error !== undefined) md.appendMarkdown(`\n$(warning) ${esc(describeError(s.error, s.profile))}\n`);
    if (folderLines) md.appendMarkdown(`\n${folderLines}\n`);
    if (!expired) md.appendMarkdown(`\n[$(link-external) ${vscode.l10n.t('Open Console')}](command:awsRoleSwitcher.openConsole)\n`);
    md.appendMarkdown(`\n${vscode.l10n.t('Click to switch profile.')}`);
    md.isTrusted = { enabledCommands: ['awsRoleSwitcher.openConsole' satisfies CommandId] };
    item.tooltip = md;

    if (left !== undefined && left > 0) {
      // Tick each second in the last two minutes, otherwise at the next minute boundary.
      const next = left <= 120_000 ? 1000 : (left % 60_000) + 50;
      this.ticker = setTimeout(() => this.render(), Math.min(next, 60_000));
    }
  }

  dispose(): void {
    if (this.ticker !== undefined) clearTimeout(this.ticker);
    this.item.dispose();
  }
}
