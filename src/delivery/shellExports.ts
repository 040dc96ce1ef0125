/** The shells exports are written for; bash, zsh, dash and ksh take the sh form. */
export type ExportShell = 'sh' | 'fish' | 'PowerShell';

/** A shell's name as a person or a keybinding gives it (`bash`, `zsh`, `pwsh`…), or undefined. */
export function exportShell(name: string): ExportShell | undefined {
  const n = name.trim().toLowerCase();
  if (['sh', 'bash', 'zsh', 'dash', 'ksh'].includes(n)) return 'sh';
  if (n === 'fish') return 'fish';
  if (['powershell', 'pwsh'].includes(n)) return 'PowerShell';
  return undefined;
}

/** Export lines for a shell, quoted so any value is taken literally. */
export function shellExports(vars: Map<string, string>, shell: ExportShell): string {
  const lines: string[] = [];
  for (const [k, v] of vars) {
    if (shell === 'fish') lines.push(`set -gx ${k} '${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
    else if (shell === 'PowerShell') lines.push(`$Env:${k} = '${v.replace(/'/g, "''")}'`);
    else lines.push(`export ${k}='${v.replace(/'/g, "'\\''")}'`);
  }
  return lines.join('\n') + '\n';
}
