/**
 * Turns at the SQLite write lock between the threads of one process that write the same file: the
 * main thread (its store) and the worker threads that store what they parse (src/workers). SQLite
 * lets a connection that finds the lock taken only poll for it, so without help a worker would
 * sleep up to 50 ms past the other worker's commit, and the main thread (a chat command's write)
 * could poll in vain while two workers hand the lock to each other back to back. Two shared words:
 * the turn the workers take (a waiter is woken at the commit), and how many main-thread writers
 * are polling, which a worker lets go first. Only a scheduling aid: SQLite's own lock still
 * decides, and a worker that waited longer than its limit simply goes ahead.
 */
const TURN = 0;
const MAIN_WAITING = 1;
const FREE = 0;
const TAKEN = 1;

export function newWriteTurn(): SharedArrayBuffer {
  return new SharedArrayBuffer(8);
}

/** The main thread is polling for the write lock until the returned function is called. */
export function announceMainWaiting(buffer: SharedArrayBuffer): () => void {
  const words = new Int32Array(buffer);
  Atomics.add(words, MAIN_WAITING, 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    Atomics.sub(words, MAIN_WAITING, 1);
  };
}

export interface TurnLimits {
  /** Longest wait for the other worker's turn (default 5 s). */
  maxWaitMs?: number;
  /** Longest a worker lets waiting main-thread writers go first (default 1 s). */
  yieldMs?: number;
}

/** Runs `fn` holding the turn; blocks this thread while another worker holds it (worker threads only: Atomics.wait). */
export async function withWriteTurn<T>(buffer: SharedArrayBuffer, fn: () => Promise<T>, limits: TurnLimits = {}): Promise<T> {
  const words = new Int32Array(buffer);
  // Main-thread writes are short (a fetch record, a chat command's request) and someone waits for them.
  const yieldUntil = Date.now() + (limits.yieldMs ?? 1000);
  for (let waiting; (waiting = Atomics.load(words, MAIN_WAITING)) > 0 && Date.now() < yieldUntil; ) Atomics.wait(words, MAIN_WAITING, waiting, 2);
  const deadline = Date.now() + (limits.maxWaitMs ?? 5000);
  let mine = false;
  while (!(mine = Atomics.compareExchange(words, TURN, FREE, TAKEN) === FREE)) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    Atomics.wait(words, TURN, TAKEN, Math.min(left, 100));
  }
  try {
    return await fn();
  } finally {
    if (mine) {
      Atomics.store(words, TURN, FREE);
      Atomics.notify(words, TURN, 1);
    }
  }
}
