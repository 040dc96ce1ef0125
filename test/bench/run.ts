/**
 * `npm run bench`: the config engine on a generated 5,000-profile config in the style of
 * `aws configure sso` output (sso-session sections, sub-properties, comments), against
 * @smithy/shared-ini-file-loader (the AWS SDK for JavaScript's loader) on the same files, in the
 * same run. Exits 1 when a target is missed (see below).
 *
 * Three measurements, each a block of runs in turn (so that each pays for its own garbage):
 * - load: read both files, check every line, find every section and profile, report every
 *   problem. A profile's settings are built on first read (see README, design notes).
 * - load + read all: the same, then read every setting of every profile (what the picker costs).
 * - smithy: its loader, which builds every setting up front.
 * Targets: "load" ≤ 15 ms and ≥ 3× faster; "load + read all" ≥ 3× faster (the deferred cost
 * must not eat the gain).
 */
import { hostileFiles } from './hostile';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { loadConfig } from '../../src/config/loader';
import { describeProfile } from '../../src/credentials/profileInfo';
import { ssoSessionStates } from '../../src/credentials/signIn/ssoStatus';
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
  const load = () => loadConfig({ env, platform: 'posix', readFile: (p) => readFile(p) });

  const runs = {
    load: async (): Promise<number> => (await load()).profiles.size,
    loadAndReadAll: async (): Promise<number> => {
      let n = 0;
      for (const profile of (await load()).profiles.values()) for (const p of profile.properties.values()) n += p.value.length > 0 ? 1 : 0;
      return n;
    },
    smithy: async (): Promise<number> =>
      Object.keys((await loadSharedConfigFiles({ filepath: credentials, configFilepath: config, ignoreCache: true })).configFile).filter(
        (k) => !k.startsWith('sso-session.'),
      ).length,
  };

  // Ours: 5,000 config profiles + [default] from the credentials file; smithy's configFile: the 5,000.
  const [a, all, b] = [await runs.load(), await runs.loadAndReadAll(), await runs.smithy()];
  const settings = 5000 * 5 + 1250 + 2; // five per profile, s3 on every fourth, two in [default]
  if (a !== 5001 || b !== 5000 || all !== settings) throw new Error(`unexpected counts: ours ${a} profiles / ${all} settings, smithy ${b} profiles`);

  const times: Record<keyof typeof runs, number[]> = { load: [], loadAndReadAll: [], smithy: [] };
  const names = Object.keys(runs) as Array<keyof typeof runs>;
  for (let round = 0; round < 7; round++) {
    for (const name of names) {
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        await runs[name]();
        if (round > 0) times[name].push(performance.now() - t); // round 0 warms up
      }
    }
  }
  const m = { load: median(times.load), loadAndReadAll: median(times.loadAndReadAll), smithy: median(times.smithy) };
  const line = (label: string, xs: number[], med: number, vs?: number) =>
    console.log(
      `${label.padEnd(44)} median ${med.toFixed(2).padStart(6)} ms  (min ${Math.min(...xs).toFixed(2)}, ${xs.length} runs)${vs !== undefined ? `  ${(vs / med).toFixed(1)}× faster` : ''}`,
    );
  console.log(`config: 5,000 profiles, ${(text.length / 1024).toFixed(0)} KB, ${text.split('\n').length} lines, ${settings} settings`);
  line('aws-role-switcher loadConfig', times.load, m.load, m.smithy);
  line('aws-role-switcher loadConfig + read all', times.loadAndReadAll, m.loadAndReadAll, m.smithy);
  line('@smithy/shared-ini-file-loader', times.smithy, m.smithy);
  const loadOk = m.load <= 15 && m.smithy / m.load >= 3;
  const readAllOk = m.smithy / m.loadAndReadAll >= 3;
  console.log(`targets for loadConfig (≤ 15 ms median, ≥ 3× faster): ${loadOk ? 'met' : 'MISSED'}`);
  console.log(`target for loadConfig + read all (≥ 3× faster): ${readAllOk ? 'met' : 'MISSED'}`);
  const ok = loadOk && readAllOk;

  // What the picker's rows cost once per loaded config, on top of the load (no target; for the
  // record): describing every profile, and the state of each distinct IAM Identity Center sign-in.
  const cfg = await load();
  const profileNames = [...cfg.profiles.keys()];
  const cacheDir = join(dir, 'sso-cache');
  const picker: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const infos = profileNames.map((n) => describeProfile(cfg, n));
    await ssoSessionStates(
      infos.flatMap((info) => (info.ssoSignIn !== undefined ? [info.ssoSignIn] : [])),
      cacheDir,
      (p) => readFile(p, 'utf8'),
      Date.now,
    );
    if (i >= 5) picker.push(performance.now() - t);
  }
  line('picker rows: describe all + sign-in states', picker, median(picker));
  const hostileOk = await hostileFiles();
  process.exitCode = ok && hostileOk ? 0 : 1;
}

void main();
