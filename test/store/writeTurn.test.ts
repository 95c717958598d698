/** Turns at the SQLite write lock between the threads writing one file (src/store/writeTurn.ts). */
import { describe, expect, it } from 'vitest';
import { announceMainWaiting, newWriteTurn, withWriteTurn } from '../../src/store/writeTurn.js';

const held = (buffer: SharedArrayBuffer) => Atomics.load(new Int32Array(buffer), 0) === 1;

describe('withWriteTurn', () => {
  it('holds the turn while the write runs and gives it back after', async () => {
    const buffer = newWriteTurn();
    let during = false;
    const result = await withWriteTurn(buffer, async () => {
      during = held(buffer);
      return 42;
    });
    expect(result).toBe(42);
    expect(during).toBe(true);
    expect(held(buffer)).toBe(false);
  });

  it('gives the turn back when the write fails', async () => {
    const buffer = newWriteTurn();
    await expect(withWriteTurn(buffer, async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(held(buffer)).toBe(false);
  });

  it('waits for a turn another thread holds, and after maxWaitMs writes anyway without taking or freeing it', async () => {
    const buffer = newWriteTurn();
    Atomics.store(new Int32Array(buffer), 0, 1);
    const started = Date.now();
    let ran = false;
    await withWriteTurn(buffer, async () => void (ran = true), { maxWaitMs: 150 });
    expect(ran).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    // Still the other holder's: a waiter that gave up must not free a turn it never had.
    expect(held(buffer)).toBe(true);
  });

  it('takes a free turn at once', async () => {
    const buffer = newWriteTurn();
    const started = Date.now();
    await withWriteTurn(buffer, async () => undefined);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('lets a main-thread writer that is polling for the lock go first, for at most yieldMs', async () => {
    const buffer = newWriteTurn();
    const done = announceMainWaiting(buffer);
    let started = Date.now();
    await withWriteTurn(buffer, async () => undefined, { yieldMs: 120 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    done();
    // Once the main thread has its lock, a worker no longer waits for it (and done() twice counts once).
    done();
    started = Date.now();
    await withWriteTurn(buffer, async () => undefined, { yieldMs: 120 });
    expect(Date.now() - started).toBeLessThan(100);
  });
});
