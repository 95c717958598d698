/**
 * How the PostgreSQL store treats errors: conflicts between concurrent transactions
 * (serialization failures, deadlocks) are retried, since PostgreSQL resolves them by aborting one
 * side; a database that cannot be reached is reported as such, naming where it was looked for
 * (never the password).
 */

/** SQLSTATEs that mean "run the same transaction again". */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(['40001', '40P01']);
/** saveArticles also retries unique violations: another replica stored the same link first. */
export const TRANSIENT_OR_UNIQUE: ReadonlySet<string> = new Set([...TRANSIENT_CODES, '23505']);

const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
/** Class 08 (connection exception), 57P0x (shutdown / cannot connect now), 28xxx (authentication), 3D000 (no such database). */
const CONNECTION_SQLSTATE = /^(08|57P0|28|3D000)/;

export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isConnectionError(err: unknown): boolean {
  const code = errorCode(err);
  if (code && (CONNECTION_ERRNOS.has(code) || CONNECTION_SQLSTATE.test(code))) return true;
  const message = (err as Error | null)?.message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}

/** An error that says the database is unreachable, for /healthz and start-up messages. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(target: string, cause: unknown) {
    const code = errorCode(cause);
    super(`PostgreSQL at ${target} is unreachable: ${(cause as Error | null)?.message ?? String(cause)}${code ? ` (${code})` : ''}`, { cause });
  }
}

/** "host:port/database" from a connection URL, leaving out user and password. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? u.pathname : '/'}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

export interface RetryOptions {
  retryOn: ReadonlySet<string>;
  attempts: number;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** Runs `fn` again (with jittered backoff) while it fails with a retryable SQLSTATE. */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = errorCode(err);
      if (!code || !options.retryOn.has(code) || attempt >= options.attempts) throw err;
      const delay = Math.min(1000, 10 * 2 ** attempt) * (0.5 + Math.random());
      options.onRetry?.(err, attempt, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
