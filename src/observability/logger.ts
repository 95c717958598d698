/**
 * Structured JSON logs (pino). Secrets are redacted by key wherever they appear, and tokens are
 * scrubbed from free text, so a log line never carries a credential.
 */
import { destination, pino, type Logger } from 'pino';

export type { Logger };

const SECRET_KEYS = ['token', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_PUBLIC_KEY', 'authorization', 'Authorization', 'password', 'secret', 'signingSecret', 'appToken', 'DATABASE_URL', 'databaseUrl', 'x-slack-signature', 'x-signature-ed25519'];

export const REDACT_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), ...SECRET_KEYS.map((k) => `*.*.${k}`)];

/** Removes tokens that may hide in messages: Bot/Bearer headers, xox?- Slack tokens, URL passwords. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\b(Bot|Bearer)\s+[A-Za-z0-9._-]{8,}/g, '$1 [redacted]')
    .replace(/\bxox[abposr]-[A-Za-z0-9-]+/g, 'xox?-[redacted]')
    .replace(/\bxapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]')
    .replace(/(\/\/[^/:@\s]+:)[^@\s/]+@/g, '$1[redacted]@');
}

/** Every string in a log object, scrubbed: feed URLs with `user:password@` and error texts sit in fields, not only in messages. */
function scrubFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object' || depth > 5 || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrubFields(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubFields(v, depth + 1);
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go; default stderr so stdout stays clean for --json output. */
  destination?: NodeJS.WritableStream | number;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: 'newsdigest',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }), log: (object) => scrubFields(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // Free-text arguments are scrubbed too: errors from HTTP clients quote headers and URLs.
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      serializers: {
        err: (err: Error) => ({ type: err.name, message: scrubSecrets(err.message ?? String(err)), stack: err.stack ? scrubSecrets(err.stack) : undefined }),
      },
    },
    typeof options.destination === 'object' ? options.destination : destination({ fd: options.destination ?? 2, sync: true }),
  );
}

/** A logger that writes nothing, for tests and pure library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
