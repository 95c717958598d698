import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, mergeConfig } from '../../src/config/load.js';
import { makeTempConfig, repoRoot, type TempConfig } from '../helpers/tempConfig.js';

const temps: TempConfig[] = [];
const temp = (o: Parameters<typeof makeTempConfig>[0]) => {
  const t = makeTempConfig(o);
  temps.push(t);
  return t;
};
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

const env = {};

describe('configuration', () => {
  it('the committed config/default.yaml is valid', () => {
    const { config, files } = loadConfig({ configDir: path.join(repoRoot, 'config'), env });
    expect(files[0]).toMatch(/default\.yaml$/);
    expect(config.topics.length).toBeGreaterThan(0);
    expect(config.figures.categories.length).toBeGreaterThan(0);
  });

  it('local.yaml overrides default.yaml key by key, and arrays whole', () => {
    const t = temp({ localYaml: 'ingest:\n  concurrency: 3\ndigest:\n  timezone: Europe/Kyiv\n' });
    const { config, files } = loadConfig({ configDir: t.dir, env });
    expect(files).toHaveLength(2);
    expect(config.ingest.concurrency).toBe(3);
    expect(config.ingest.perHostConcurrency).toBe(2); // untouched sibling keeps its default.yaml value
    expect(config.digest.timezone).toBe('Europe/Kyiv');
    expect(mergeConfig({ a: [1, 2], b: { c: 1, d: 2 } }, { a: [3], b: { d: 4 } })).toEqual({ a: [3], b: { c: 1, d: 4 } });
  });

  it('a bad value names the file, the key and what was expected', () => {
    const t = temp({ localYaml: 'digest:\n  schedule: "every morning"\n' });
    expect(() => loadConfig({ configDir: t.dir, env })).toThrowError(ConfigError);
    try {
      loadConfig({ configDir: t.dir, env });
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toContain(path.join(t.dir, 'local.yaml'));
      expect(msg).toContain('digest.schedule');
      expect(msg).toMatch(/cron expression/);
    }
  });

  it('an unknown time zone and a wrong type are both reported with their keys', () => {
    const t = temp({ localYaml: 'digest:\n  timezone: Mars/Olympus\ningest:\n  concurrency: lots\n' });
    const msg = (() => {
      try {
        loadConfig({ configDir: t.dir, env });
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(msg).toMatch(/local\.yaml: digest\.timezone: expected .*IANA time zone/);
    expect(msg).toMatch(/local\.yaml: ingest\.concurrency: expected number/);
  });

  it('a channel naming an undeclared topic is refused with its path', () => {
    const t = temp({ localYaml: 'channels:\n  - platform: console\n    id: c\n    topics: [nope]\n' });
    expect(() => loadConfig({ configDir: t.dir, env })).toThrowError(/channels\[0\]\.topics\[0\]: expected a topic id declared under topics \(got "nope"\)/);
  });

  it('broken YAML names the file', () => {
    const t = temp({ localYaml: 'digest: [unclosed\n' });
    expect(() => loadConfig({ configDir: t.dir, env })).toThrowError(/local\.yaml: not valid YAML/);
  });

  it('a bad environment value names the variable', () => {
    expect(() => loadConfig({ configDir: path.join(repoRoot, 'config'), env: { PORT: 'eighty' } })).toThrowError(/environment: PORT: expected number/);
  });

  it('the CLI exits non-zero on a bad config before it touches anything', () => {
    const t = temp({ localYaml: 'ingest:\n  timeoutMs: -5\n' });
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'newsdigest-data-')), 'never-created');
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0'], {
        cwd: repoRoot,
        env: { ...process.env, NEWSDIGEST_CONFIG_DIR: t.dir, DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('ingest.timeoutMs');
      expect(run.stderr).toContain('local.yaml');
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });
});

describe('misspelt and unknown keys are errors, not silently ignored', () => {
  const messageOf = (localYaml: string): string => {
    const t = temp({ localYaml });
    try {
      loadConfig({ configDir: t.dir, env });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message.replaceAll(t.dir, '<dir>');
    }
    throw new Error('expected a ConfigError');
  };

  it.each([
    ['digest:\n  shedule: "0 9 * * *"\n', '<dir>/local.yaml: digest.shedule: unknown key; did you mean "schedule"?'],
    ['digset:\n  schedule: "0 9 * * *"\n', '<dir>/local.yaml: digset: unknown key; did you mean "digest"?'],
    ['digest:\n  maxArticle: 10\n', '<dir>/local.yaml: digest.maxArticle: unknown key; did you mean "maxArticles"?'],
    ['channels:\n  - platform: console\n    id: news\n    timzone: UTC\n', '<dir>/local.yaml: channels[0].timzone: unknown key; did you mean "timezone"?'],
    ['ingest:\n  backoff:\n    maxMinuets: 60\n', '<dir>/local.yaml: ingest.backoff.maxMinuets: unknown key; did you mean "maxMinutes"?'],
    ['channels:\n  - platform: console\n    id: news\n    digest:\n      charts: true\n', '<dir>/local.yaml: channels[0].digest.charts: unknown key; did you mean "chart"?'],
  ])('%j → %s', (yaml, expected) => {
    expect(messageOf(yaml)).toBe(expected);
  });

  it('a channel opts in to digest charts with digest.chart: true (a boolean, nothing else)', () => {
    const t = temp({ localYaml: 'channels:\n  - platform: console\n    id: news\n    digest:\n      chart: true\n' });
    expect(loadConfig({ configDir: t.dir, env }).config.channels[0]!.digest).toEqual({ chart: true });
    expect(messageOf('channels:\n  - platform: console\n    id: news\n    digest:\n      chart: yes please\n')).toMatch(/^<dir>\/local\.yaml: channels\[0\]\.digest\.chart: /);
  });

  it('a key like nothing valid lists the keys that are valid there', () => {
    expect(messageOf('slack:\n  colour: blue\n')).toBe('<dir>/local.yaml: slack.colour: unknown key (valid here: adminUserIds)');
  });

  it('keys inside the figure and answer rules are checked too', () => {
    const msg = messageOf('figures:\n  categoryz: []\n');
    expect(msg).toMatch(/^<dir>\/local\.yaml: figures\.categoryz: unknown key; did you mean "categories"\?$/);
  });

  it('the CLI exits 2 on a misspelt key before it creates the data folder', () => {
    const t = temp({ localYaml: 'digest:\n  shedule: "0 9 * * *"\n' });
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'newsdigest-strict-')), 'data');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'status'], { cwd: repoRoot, env: { PATH: process.env.PATH, DATA_DIR: dataDir, NEWSDIGEST_CONFIG_DIR: t.dir }, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('digest.shedule: unknown key; did you mean "schedule"?');
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('a bad value says what was expected and what was got', () => {
  it.each([
    [{ PORT: 'abc' }, 'environment: PORT: expected number; got "abc"'],
    [{ LOG_LEVEL: 'loud' }, 'environment: LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent; got "loud"'],
    [{ DISCORD_API_BASE: 'nope' }, 'environment: DISCORD_API_BASE: expected a URL (http:// or https://); got "nope"'],
  ])('%j', (badEnv, expected) => {
    expect(() => loadConfig({ configDir: path.join(repoRoot, 'config'), env: badEnv })).toThrowError(expected);
  });

  it.each([
    ['digest:\n  schedule: "0 25 * * *"\n', 'digest.schedule: expected a cron expression with 5 or 6 fields, e.g. "0 8 * * *"; got "0 25 * * *"'],
    ['digest:\n  timezone: Mars/Base\n', 'digest.timezone: expected an IANA time zone name, e.g. "UTC" or "Europe/Kyiv"; got "Mars/Base"'],
    ['ingest:\n  concurrency: lots\n', 'ingest.concurrency: expected number; got "lots"'],
  ])('%j', (localYaml, expected) => {
    const t = temp({ localYaml });
    expect(() => loadConfig({ configDir: t.dir, env })).toThrowError(`${path.join(t.dir, 'local.yaml')}: ${expected}`);
  });
});
