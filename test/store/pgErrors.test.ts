import { describe, expect, it } from 'vitest';
import { describeTarget, isConnectionError, TRANSIENT_CODES, withRetry } from '../../src/store/postgres/pgErrors.js';

const pgError = (code: string, message = `error ${code}`) => Object.assign(new Error(message), { code });

describe('PostgreSQL error policy', () => {
  it('runs a transaction again after a deadlock or serialization failure, then returns its result', async () => {
    const failures = [pgError('40P01', 'deadlock detected'), pgError('40001', 'could not serialize access')];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        const failure = failures.shift();
        if (failure) throw failure;
        return 'committed';
      },
      { retryOn: TRANSIENT_CODES, attempts: 5 },
    );
    expect(result).toBe('committed');
    expect(calls).toBe(3);
  });

  it('gives up after the allowed attempts and throws the last error', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw pgError('40P01', 'deadlock detected');
        },
        { retryOn: TRANSIENT_CODES, attempts: 3 },
      ),
    ).rejects.toThrow('deadlock detected');
    expect(calls).toBe(3);
  });

  it('does not retry other errors (a constraint violation is a bug, not bad luck)', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw pgError('23502', 'null value in column "title"');
        },
        { retryOn: TRANSIENT_CODES, attempts: 5 },
      ),
    ).rejects.toThrow(/null value/);
    expect(calls).toBe(1);
  });

  it('recognizes an unreachable or refusing database', () => {
    expect(isConnectionError(pgError('ECONNREFUSED'))).toBe(true);
    expect(isConnectionError(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isConnectionError(pgError('28P01', 'password authentication failed'))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(pgError('23505', 'duplicate key value'))).toBe(false);
  });

  it('names the database by host, port and name, never by user or password', () => {
    expect(describeTarget('postgres://bot:hunter2@db.internal:6543/newsdigest?sslmode=require')).toBe('db.internal:6543/newsdigest');
    expect(describeTarget('postgresql://db.internal/newsdigest')).toBe('db.internal:5432/newsdigest');
    expect(describeTarget('not a url')).toBe('the configured DATABASE_URL');
  });
});
