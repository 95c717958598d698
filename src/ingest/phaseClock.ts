/**
 * Where ingestion time goes: seconds spent per phase (fetch, decode, parse, text, extract, store),
 * summed over every feed of the process. Always on because it costs two hrtime reads per phase; read
 * by the cycle benchmark. Phases nest (text runs inside parse), so `parse` is reported without the
 * time of its nested `decode` and `text` phases. Work done in a worker thread is timed there and
 * added to the main thread's totals with its result (src/workers/feedWork.ts).
 */
export type Phase = 'fetch' | 'decode' | 'parse' | 'text' | 'extract' | 'store';

const totals: Record<Phase, bigint> = { fetch: 0n, decode: 0n, parse: 0n, text: 0n, extract: 0n, store: 0n };

export function addPhase(phase: Phase, since: bigint): void {
  totals[phase] += process.hrtime.bigint() - since;
}

export function timed<T>(phase: Phase, fn: () => T): T {
  const t0 = process.hrtime.bigint();
  try {
    return fn();
  } finally {
    addPhase(phase, t0);
  }
}

export async function timedAsync<T>(phase: Phase, fn: () => Promise<T>): Promise<T> {
  const t0 = process.hrtime.bigint();
  try {
    return await fn();
  } finally {
    addPhase(phase, t0);
  }
}

/** Seconds per phase since the last reset; wall time of overlapping async phases (fetch, store) adds up across feeds. */
export function phaseSeconds(): Record<Phase, number> {
  const out = {} as Record<Phase, number>;
  for (const k of Object.keys(totals) as Phase[]) out[k] = Number(totals[k]) / 1e9;
  out.parse = Math.max(0, out.parse - out.decode - out.text);
  return out;
}

/** The raw totals since the last take (a worker thread hands its own to the main thread with each result). */
export function takePhaseNanos(): Record<Phase, bigint> {
  const out = { ...totals };
  resetPhases();
  return out;
}

/** Adds totals measured elsewhere (a worker thread) to this thread's. */
export function addPhaseNanos(more: Partial<Record<Phase, bigint>>): void {
  for (const k of Object.keys(more) as Phase[]) totals[k] += more[k] ?? 0n;
}

export function resetPhases(): void {
  for (const k of Object.keys(totals) as Phase[]) totals[k] = 0n;
}
