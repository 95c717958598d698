/**
 * Loads config/default.yaml, merges config/local.yaml over it, reads the environment (.env through
 * dotenv) and validates all of it. Any problem is a ConfigError naming the file, the key and what was
 * expected; the CLI prints it and exits non-zero before it opens a database or a socket.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { config as loadDotenv } from 'dotenv';
import type { z } from 'zod';
import { ConfigSchema, EnvSchema, type Config, type Env } from './schema.js';
import { findUnknownKeys } from './unknownKeys.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface LoadedConfig {
  config: Config;
  env: Env;
  /** Files that were read, in merge order. */
  files: string[];
  /** Folder the files came from (feed paths in config are relative to the working directory). */
  configDir: string;
}

export interface LoadOptions {
  /** Folder holding default.yaml and local.yaml; default: NEWSDIGEST_CONFIG_DIR or ./config. */
  configDir?: string;
  /** Environment to read; default: process.env after loading .env. */
  env?: NodeJS.ProcessEnv;
  /** Load .env into process.env first (default true when env is not given). */
  dotenv?: boolean;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** local.yaml overrides default.yaml key by key; arrays and scalars are replaced whole. */
export function mergeConfig(base: unknown, over: unknown): unknown {
  if (!isPlain(base) || !isPlain(over)) return over === undefined ? base : over;
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeConfig(base[k], v);
  return out;
}

function readYaml(file: string): unknown {
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ConfigError(`${file}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  return doc.toJS() ?? {};
}

function keyPath(p: ReadonlyArray<PropertyKey>): string {
  return p.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

/** Which file set the value at `p`: local.yaml when it has that key, else default.yaml. */
function fileFor(p: ReadonlyArray<PropertyKey>, layers: Array<{ file: string; data: unknown }>): string {
  for (let i = layers.length - 1; i >= 0; i--) {
    let node: unknown = layers[i]!.data;
    let found = true;
    for (const k of p) {
      if (node !== null && typeof node === 'object' && k in (node as object)) node = (node as Plain)[k as string];
      else {
        found = false;
        break;
      }
    }
    if (found) return layers[i]!.file;
  }
  return layers[layers.length - 1]?.file ?? 'config';
}

function valueAt(data: unknown, p: ReadonlyArray<PropertyKey>): unknown {
  let node = data;
  for (const k of p) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Plain)[k as string];
  }
  return node;
}

/** zod's wording made a reader's: "Invalid option: expected one of "a"|"b"" → "one of a, b". */
function expectedText(message: string): string {
  const option = /^Invalid option: expected one of (.*)$/i.exec(message);
  if (option) return `one of ${option[1]!.replace(/"\|"/g, ', ').replace(/"/g, '')}`;
  return message
    .replace(/^Invalid input: expected /i, '')
    .replace(/^Invalid URL$/i, 'a URL (http:// or https://)')
    .replace(/, received \w+$/, '');
}

function describeIssues(issues: z.core.$ZodIssue[], where: (p: ReadonlyArray<PropertyKey>) => string, input: unknown): string {
  return issues
    .slice(0, 10)
    .map((i) => {
      const key = keyPath(i.path) || '(top level)';
      const got = valueAt(input, i.path);
      const gotText = got === undefined ? 'nothing' : JSON.stringify(got).slice(0, 80);
      return `${where(i.path)}: ${key}: expected ${expectedText(i.message)}; got ${gotText}`;
    })
    .join('\n');
}

export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const useDotenv = options.dotenv ?? options.env === undefined;
  if (useDotenv) loadDotenv({ quiet: true });
  const envSource = options.env ?? process.env;
  const configDir = path.resolve(options.configDir ?? envSource.NEWSDIGEST_CONFIG_DIR ?? 'config');

  const defaultFile = path.join(configDir, 'default.yaml');
  if (!existsSync(defaultFile)) throw new ConfigError(`${defaultFile}: file not found (set NEWSDIGEST_CONFIG_DIR or run from the project folder)`);
  const layers = [{ file: defaultFile, data: readYaml(defaultFile) }];
  const localFile = path.join(configDir, 'local.yaml');
  if (existsSync(localFile)) layers.push({ file: localFile, data: readYaml(localFile) });
  for (const l of layers) if (!isPlain(l.data)) throw new ConfigError(`${l.file}: expected a YAML mapping at the top level`);

  const unknown = layers.flatMap((l) =>
    findUnknownKeys(ConfigSchema, l.data).map((u) => {
      const at = keyPath([...u.path, u.key]);
      return `${l.file}: ${at}: unknown key${u.suggestion ? `; did you mean "${u.suggestion}"?` : ` (valid here: ${u.valid.join(', ')})`}`;
    }),
  );
  if (unknown.length > 0) throw new ConfigError(unknown.slice(0, 10).join('\n'));

  const merged = layers.reduce<unknown>((acc, l) => mergeConfig(acc, l.data), {});
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues, (p) => fileFor(p, layers), merged));

  const env = EnvSchema.safeParse(envSource);
  if (!env.success) throw new ConfigError(describeIssues(env.error.issues, () => 'environment', envSource));

  return { config: parsed.data, env: env.data, files: layers.map((l) => l.file), configDir };
}
