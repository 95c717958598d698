/**
 * Turns at the SQLite write lock between the worker threads of one pool. SQLite lets one writer in
 * at a time and a connection that finds the lock taken can only poll for it (dialect.ts, begin), so
 * a worker would sleep up to 50 ms past the moment the other worker committed. Here a worker waits
 * on a shared word that the committing worker wakes at once. Only a scheduling aid: SQLite's own
 * lock still decides, and a turn waited for longer than `maxWaitMs` is simply taken.
 */
const FREE = 0;
const TAKEN = 1;

export function newWriteTurnBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

/** Runs `fn` holding the turn; blocks this thread while another holds it (worker threads only: Atomics.wait). */
export async function withWriteTurn<T>(buffer: SharedArrayBuffer, fn: () => Promise<T>, maxWaitMs = 5000): Promise<T> {
  const word = new Int32Array(buffer);
  const deadline = Date.now() + maxWaitMs;
  let mine = false;
  while (!(mine = Atomics.compareExchange(word, 0, FREE, TAKEN) === FREE)) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    Atomics.wait(word, 0, TAKEN, Math.min(left, 100));
  }
  try {
    return await fn();
  } finally {
    if (mine) {
      Atomics.store(word, 0, FREE);
      Atomics.notify(word, 0, 1);
    }
  }
}
