import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Repository root, from out/test/unit or test/unit. */
export const repoRoot = join(__dirname, '..', '..', __dirname.includes(`${join('out', 'test')}`) ? '..' : '');

export function fixture<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', ...parts), 'utf8')) as T;
}
