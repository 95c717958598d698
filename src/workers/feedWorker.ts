/**
 * Entry of a feed worker thread (run by piscina, see feedWork.ts). The figure rules come once, in
 * workerData, so a task carries only its document. Each result also carries the phase times this
 * thread spent on it, which the main thread adds to its own (phaseClock.ts).
 */
import { workerData } from 'node:worker_threads';
import { takePhaseNanos, type Phase } from '../ingest/phaseClock.js';
import { extractItems, readAndExtract, type ExtractResult, type FigureRules, type ReadResult, type ReadTask } from './feedTasks.js';
import type { FeedItem } from '../feeds/feedItem.js';

export type WorkerTask = { kind: 'read'; task: ReadTask } | { kind: 'extract'; items: FeedItem[]; source: string | null };
export type WorkerReply<T> = { result: T; phases: Record<Phase, bigint> };

const rules = (workerData as { rules: FigureRules }).rules;

export default async function run(task: WorkerTask): Promise<WorkerReply<ReadResult | ExtractResult>> {
  takePhaseNanos();
  const result = task.kind === 'read' ? await readAndExtract(task.task, rules) : extractItems(task.items, task.source, rules);
  return { result, phases: takePhaseNanos() };
}
