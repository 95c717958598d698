/**
 * Entry of a feed worker thread (run by piscina, see feedWork.ts). The figure rules come once, in
 * workerData, so a task carries only its document. An 'ingest' task also stores what it read,
 * through this thread's own connection to the SQLite file (opened on its first such task, kept
 * while the thread lives), so only ids and counts come back. Each result also carries the phase
 * times this thread spent on it, which the main thread adds to its own (phaseClock.ts).
 */
import { workerData } from 'node:worker_threads';
import type { FeedItem } from '../feeds/feedItem.js';
import { takePhaseNanos, type Phase } from '../ingest/phaseClock.js';
import { silentLogger } from '../observability/logger.js';
import { SqliteStore, type SqliteLocation } from '../store/sqlStore.js';
import { withWriteTurn } from '../store/writeTurn.js';
import { extractItems, readAndExtract, readAndStore, type ExtractResult, type FigureRules, type IngestResult, type IngestTask, type ReadResult, type ReadTask } from './feedTasks.js';

export type WorkerTask =
  | { kind: 'read'; task: ReadTask }
  | { kind: 'extract'; items: FeedItem[]; source: string | null }
  | { kind: 'ingest'; task: IngestTask; database: SqliteLocation };
export type WorkerReply<T> = { result: T; phases: Record<Phase, bigint> };

const { rules } = workerData as { rules: FigureRules };

/** This thread's connections, by file: opened once, closed with the thread. */
const stores = new Map<string, Promise<SqliteStore>>();

function storeAt(location: SqliteLocation): Promise<SqliteStore> {
  let store = stores.get(location.file);
  if (!store) {
    store = SqliteStore.open(location.file, silentLogger, location.options);
    store.catch(() => stores.delete(location.file));
    stores.set(location.file, store);
  }
  return store;
}

async function perform(task: WorkerTask): Promise<ReadResult | ExtractResult | IngestResult> {
  switch (task.kind) {
    case 'read':
      return readAndExtract(task.task, rules);
    case 'extract':
      return extractItems(task.items, task.source, rules);
    case 'ingest':
      return readAndStore(task.task, rules, () => storeAt(task.database), (write) => withWriteTurn(task.database.writeTurn, write));
  }
}

export default async function run(task: WorkerTask): Promise<WorkerReply<ReadResult | ExtractResult | IngestResult>> {
  takePhaseNanos();
  const result = await perform(task);
  return { result, phases: takePhaseNanos() };
}
