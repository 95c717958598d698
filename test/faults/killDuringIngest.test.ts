/**
 * `newsdigest ingest` killed with SIGKILL at the worst moments of a large feed (1,500 reports with
 * content): while the document is still arriving, while the figures are being read, and inside
 * the one transaction that stores the articles with their figures. Afterwards the database must hold no
 * half-stored article (every article has its source, and all of its figures or none; no figure
 * without its article; the catalog agrees), and running ingest again must finish the job: every
 * report stored once, each with exactly the figures an uninterrupted run gives it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempConfig, type TempConfig } from '../helpers/tempConfig.js';
import { bigFeedXml } from './bigFeed.js';
import { startBigFeedServer, type BigFeedServer } from './bigFeedServer.js';
import { cliEnv, runCli, startCli, type CliProcess } from './cliProcess.js';
import { CountsPeek, inspectDatabase, writerActive, type DatabaseReport } from './inspectDatabase.js';

const REPORTS = 1500;
const TIMEOUT_MS = 240_000;

let feed: BigFeedServer;
let config: TempConfig;
let reference: DatabaseReport;
const dirs: string[] = [];
let running: CliProcess | null = null;

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-faults-'));
  dirs.push(dir);
  return dir;
}

const ingestArgs = (): string[] => ['ingest', '--feed', feed.url, '--json'];

beforeAll(async () => {
  feed = await startBigFeedServer(bigFeedXml(REPORTS));
  config = makeTempConfig();
  // What an uninterrupted run stores: the yardstick for every interrupted one.
  const dir = tempDir();
  const run = await runCli(ingestArgs(), cliEnv(dir, config.dir));
  expect(run.code, run.output).toBe(0);
  reference = inspectDatabase(path.join(dir, 'newsdigest.db'));
  expect(reference.articles).toBe(REPORTS);
}, TIMEOUT_MS);

afterAll(async () => {
  await feed.close();
  config.cleanup();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  feed.holdAfter = null;
});

afterEach(() => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  running = null;
});

/** Polls `condition` as fast as the event loop allows; throws when the ingest process ends first. */
async function killWhen(cli: CliProcess, what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (cli.child.exitCode !== null) throw new Error(`ingest finished (exit ${cli.child.exitCode}) before ${what}:\n${cli.output()}`);
    if (condition()) break;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  cli.child.kill('SIGKILL');
  expect((await cli.exited).signal).toBe('SIGKILL');
}

/** Nothing half-stored: the checks every interrupted database must pass. */
function expectConsistent(report: DatabaseReport): void {
  expect(report.integrity).toBe('ok');
  expect(report.foreignKeyViolations).toBe(0);
  expect(report.articlesWithoutSource).toBe(0);
  expect(report.figuresWithoutArticle).toBe(0);
  expect(report.catalogMismatches).toBe(0);
  expect(report.duplicateGuids).toBe(0);
  // Each stored article has all of its figures or none of them.
  for (const [guid, figures] of report.figuresByGuid) {
    if (figures.length > 0) expect(figures, guid).toEqual(reference.figuresByGuid.get(guid));
  }
}

/** Running ingest again finishes the job: every report once, with the figures an uninterrupted run gives it. */
async function expectRerunCompletes(dir: string): Promise<void> {
  const run = await runCli(ingestArgs(), cliEnv(dir, config.dir));
  expect(run.code, run.output).toBe(0);
  const after = inspectDatabase(path.join(dir, 'newsdigest.db'));
  expectConsistent(after);
  expect(after.articles).toBe(REPORTS);
  expect(after.sources).toBe(REPORTS);
  const missing = [...reference.figuresByGuid].filter(([guid, figures]) => JSON.stringify(after.figuresByGuid.get(guid)) !== JSON.stringify(figures)).map(([guid]) => guid);
  expect(missing, `${missing.length} articles without the figures an uninterrupted run stores, e.g. ${missing.slice(0, 3).join(', ')}`).toEqual([]);
}

/**
 * Runs ingest and kills it once the whole document has arrived, no article is visible yet and the
 * database's write lock is (or is not yet) held; then nothing may be stored, and a re-run completes.
 */
async function expectKilledAfterDocumentLeavesNothing(what: string, writing: boolean): Promise<void> {
  const dir = tempDir();
  const file = path.join(dir, 'newsdigest.db');
  const finishedBefore = feed.finished;
  running = startCli(ingestArgs(), cliEnv(dir, config.dir));
  const peek = new CountsPeek(file);
  let probe: Database.Database | null = null;
  try {
    await killWhen(running, what, () => {
      if (feed.finished === finishedBefore) return false;
      const counts = peek.counts();
      if (!counts || counts.articles > 0) return false;
      probe ??= new Database(file, { fileMustExist: true, timeout: 0 });
      return writerActive(probe) === writing;
    });
  } finally {
    peek.close();
    (probe as Database.Database | null)?.close();
  }

  const report = inspectDatabase(file);
  expectConsistent(report);
  expect(report.articles).toBe(0);
  expect(report.figures).toBe(0);
  await expectRerunCompletes(dir);
}

describe('the ingest process killed with SIGKILL', () => {
  it('while the feed is still arriving: nothing is stored, and a re-run stores every report once with its figures', async () => {
    const dir = tempDir();
    feed.holdAfter = 200_000;
    const startedBefore = feed.started;
    running = startCli(ingestArgs(), cliEnv(dir, config.dir));
    await killWhen(running, 'the feed started arriving', () => feed.started > startedBefore);

    const report = inspectDatabase(path.join(dir, 'newsdigest.db'));
    expectConsistent(report);
    expect(report.articles).toBe(0);

    feed.holdAfter = null;
    await expectRerunCompletes(dir);
  }, TIMEOUT_MS);

  it('inside the transaction that stores the articles: none of them is stored, and a re-run stores every report once with its figures', async () => {
    // Someone holds the write lock: that is the one transaction storing all of them.
    await expectKilledAfterDocumentLeavesNothing('the articles transaction', true);
  }, TIMEOUT_MS);

  it('while figures are being read, before anything is written: nothing is stored, and a re-run stores every report once with its figures', async () => {
    // Nobody is writing yet: the figures of all 1,500 reports are being read (they are stored in the
    // same transaction as their articles).
    await expectKilledAfterDocumentLeavesNothing('figures being read', false);
  }, TIMEOUT_MS);
});
