/**
 * `npm run bench`: the config engine on a generated 5,000-profile config in the style of
 * `aws configure sso` output (sso-session sections, sub-properties, comments), against
 * @smithy/shared-ini-file-loader (the AWS SDK for JavaScript's loader) on the same files, in the
 * same run, interleaved. Targets: median ≤ 15 ms and ≥ 3× faster. Exits 1 when a target is missed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { loadConfig } from '../../src/config/loader';
import { generateConfig } from './generate';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ars-bench-'));
  const config = join(dir, 'config');
  const credentials = join(dir, 'credentials');
  const text = generateConfig(5000);
  writeFileSync(config, text);
  writeFileSync(credentials, '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n');
  const env = { HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };

  const ours = async (): Promise<number> => (await loadConfig({ env, platform: 'posix', readFile: (p) => readFile(p) })).profiles.size;
  const theirs = async (): Promise<number> => Object.keys((await loadSharedConfigFiles({ filepath: credentials, configFilepath: config, ignoreCache: true })).configFile).filter((k) => !k.startsWith('sso-session.')).length;

  const a = await ours();
  const b = await theirs();
  // Ours: 5,000 config profiles + [default] from the credentials file; smithy's configFile: the 5,000.
  if (a !== 5001 || b !== 5000) throw new Error(`unexpected profile counts: ours ${a}, smithy ${b}`);
  for (let i = 0; i < 5; i++) {
    await ours();
    await theirs();
  }
  const tOurs: number[] = [];
  const tTheirs: number[] = [];
  for (let i = 0; i < 40; i++) {
    let t = performance.now();
    await ours();
    tOurs.push(performance.now() - t);
    t = performance.now();
    await theirs();
    tTheirs.push(performance.now() - t);
  }
  const mo = median(tOurs);
  const mt = median(tTheirs);
  const ratio = mt / mo;
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(`config: 5,000 profiles, ${(text.length / 1024).toFixed(0)} KB, ${text.split('\n').length} lines`);
  console.log(`aws-role-switcher loadConfig            median ${mo.toFixed(2)} ms  (min ${Math.min(...tOurs).toFixed(2)}, 40 runs)`);
  console.log(`@smithy/shared-ini-file-loader          median ${mt.toFixed(2)} ms  (min ${Math.min(...tTheirs).toFixed(2)}, 40 runs)`);
  console.log(`speed-up ${ratio.toFixed(1)}×; heap after ${heapMb.toFixed(0)} MB`);
  const ok = mo <= 15 && ratio >= 3;
  console.log(`targets (≤ 15 ms median, ≥ 3× faster): ${ok ? 'met' : 'MISSED'}`);
  process.exitCode = ok ? 0 : 1;
}

void main();
