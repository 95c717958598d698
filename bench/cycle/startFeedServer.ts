/** Starts bench/cycle/server.ts as a child process: the 1,000 cycle feeds on 1,000 loopback hosts. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FEEDS, hostOf } from './feeds.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface CycleFeedServer {
  port: number;
  /** Bytes of XML served in one full cycle. */
  bytes: number;
  urls: string[];
  stop(): void;
}

export async function startCycleFeedServer(): Promise<CycleFeedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'server.ts')], { stdio: ['pipe', 'pipe', 'inherit'], cwd: path.resolve(here, '../..') });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the cycle feed server exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const { port, bytes } = JSON.parse(line) as { port: number; bytes: number };
  const urls = Array.from({ length: FEEDS }, (_, f) => `http://${hostOf(f)}:${port}/feed.xml`);
  return { port, bytes, urls, stop: () => child.stdin!.end() };
}
