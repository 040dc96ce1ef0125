/**
 * AWS: Switch Region… — sets `awsRoleSwitcher.region` (the workspace's when a folder is open, else
 * the user's), which new terminals, tasks and debug sessions get as AWS_REGION /
 * AWS_DEFAULT_REGION and which signs the next STS calls. The first item goes back to the profile's
 * own region. A region that is not in the list can be typed.
 */
import * as vscode from 'vscode';
import { showSteadily } from './steadyInput';
import { AWS_REGIONS, isRegionName } from '../../config/regions';
import { SECTION } from '../settings';

interface RegionItem extends vscode.QuickPickItem {
  readonly region: string | undefined;
}

export async function pickRegion(current: { region: string | undefined; override: string; profileRegion?: string }): Promise<string | undefined | null> {
  const qp = vscode.window.createQuickPick<RegionItem>();
  qp.title = vscode.l10n.t('AWS: Switch Region');
  qp.placeholder = vscode.l10n.t('Type to filter, or type a region name that is not listed');
  qp.matchOnDescription = true;
  const base: RegionItem[] = [
    {
      label: `$(discard) ${vscode.l10n.t("Profile's region")}`,
      description: current.profileRegion ?? vscode.l10n.t('none set (AWS_REGION, else us-east-1)'),
      region: undefined,
      ...(current.override === '' ? { detail: vscode.l10n.t('in use') } : {}),
    },
    { label: '', kind: vscode.QuickPickItemKind.Separator, region: undefined },
    ...AWS_REGIONS.map(([name, where]) => ({
      label: name,
      description: `${where}${name === current.region ? ` · ${vscode.l10n.t('current')}` : ''}`,
      region: name,
    })),
  ];
  qp.items = base;
  const active = base.find((i) => i.region !== undefined && i.region === current.region);
  if (active !== undefined) qp.activeItems = [active];
  qp.onDidChangeValue((v) => {
    const typed = v.trim();
    qp.items =
      isRegionName(typed) && !AWS_REGIONS.some(([n]) => n === typed) ? [{ label: typed, description: 'use this region', region: typed }, ...base] : base;
  });
  return new Promise((resolve) => {
    let chosen: string | undefined | null = null; // null: cancelled; undefined: back to the profile's
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0];
      if (item !== undefined && item.kind !== vscode.QuickPickItemKind.Separator) chosen = item.region;
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(chosen);
    });
    showSteadily(qp);
  });
}

/** Writes the override where it applies: the workspace when one is open, else the user settings. */
export async function saveRegion(region: string | undefined): Promise<vscode.ConfigurationTarget> {
  const target = vscode.workspace.workspaceFolders !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SECTION).update('region', region ?? undefined, target);
  return target;
}
