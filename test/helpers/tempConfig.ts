/** Config folders for tests: the repo's default.yaml, optionally replaced or overlaid. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

export const repoRoot = path.resolve(new URL('../..', import.meta.url).pathname);
export const sharedDir = path.resolve(repoRoot, '../shared');

export interface TempConfig {
  dir: string;
  cleanup(): void;
}

/** Copies config/default.yaml (or writes `defaultYaml`) and an optional local.yaml into a temp folder. */
export function makeTempConfig(options: { defaultYaml?: string; localYaml?: string } = {}): TempConfig {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdigest-config-'));
  writeFileSync(path.join(dir, 'default.yaml'), options.defaultYaml ?? readFileSync(path.join(repoRoot, 'config/default.yaml'), 'utf8'));
  if (options.localYaml !== undefined) writeFileSync(path.join(dir, 'local.yaml'), options.localYaml);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `dir` as a config folder: the repo's default.yaml and `local` written out as local.yaml. Returns `dir`. */
export function writeConfigFolder(dir: string, local: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(repoRoot, 'config/default.yaml'), path.join(dir, 'default.yaml'));
  writeFileSync(path.join(dir, 'local.yaml'), stringify(local));
  return dir;
}
