/** Export lines for a shell, quoted so any value is taken literally. */
export function shellExports(vars: Map<string, string>, shell: string): string {
  const lines: string[] = [];
  for (const [k, v] of vars) {
    if (shell === 'fish') lines.push(`set -gx ${k} '${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
    else if (shell === 'PowerShell') lines.push(`$Env:${k} = '${v.replace(/'/g, "''")}'`);
    else lines.push(`export ${k}='${v.replace(/'/g, "'\\''")}'`);
  }
  return lines.join('\n') + '\n';
}
