/** File helpers shared by the extension-host and UI tests (no vscode, no browser). */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The first file named `name` anywhere under `root` (VS Code's log folders are dated and nested). */
export function findFile(root: string, name: string): string | undefined {
  if (root === '' || !fs.existsSync(root)) return undefined;
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name === name) return p;
    }
  }
  return undefined;
}
