/**
 * Starts and stops replica processes for the scale-out tests: the real CLI (`src/cli.ts serve`) or
 * test/replicas/replicaMain.ts, each a separate Node process with its own environment. A replica
 * counts as started when it logs "newsdigest is running"; its JSON log lines (stderr) are kept so a
 * test can tell which replica did what.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '../helpers/tempConfig.js';

export interface LogLine {
  level?: string;
  msg?: string;
  [key: string]: unknown;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ReplicaProcess {
  name: string;
  pid: number;
  /** Resolves with the HTTP port (127.0.0.1) once it serves; rejects if it exits or times out first. */
  ready: Promise<number>;
  /** Its JSON log lines, in order. */
  logs: LogLine[];
  /** Lines that were not JSON (e.g. an uncaught error). */
  otherOutput: string[];
  exited: Promise<ExitStatus>;
  /** Null while it runs. */
  exitStatus(): ExitStatus | null;
  /** Lines of one event: the message itself, or the message followed by its details ("digest sent to slack:C1 (slot ...)"). */
  logsWith(msg: string): LogLine[];
  /** SIGKILL: no clean-up of any kind, as when a machine or container dies. */
  killHard(): Promise<ExitStatus>;
  /** SIGTERM, then waits for the process to exit by itself (the work in hand is finished). */
  stop(timeoutMs?: number): Promise<ExitStatus>;
}

export const CLI_ENTRY = ['src/cli.ts', 'serve', '--port', '0'];
export const TEST_ENTRY = ['test/replicas/replicaMain.ts'];

/** Variables a replica must not inherit from the test's own environment (or from a .env file). */
const ISOLATED = [
  'DATABASE_URL', 'DATA_DIR', 'PORT', 'LOG_LEVEL', 'NEWSDIGEST_CONFIG_DIR',
  'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_PUBLIC_KEY',
  'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL',
];
/** Validated variables that may not be empty: removed instead. */
const REMOVED = ['DISCORD_RECEIVE', 'DISCORD_API_BASE'];

/** Starts a replica and waits until it serves. */
export async function startReplica(name: string, entry: string[], env: Record<string, string>, readyTimeoutMs?: number): Promise<ReplicaProcess> {
  const replica = spawnReplica(name, entry, env, readyTimeoutMs);
  await replica.ready;
  return replica;
}

/** Starts a replica without waiting: it may already be working before `ready` resolves. */
export function spawnReplica(name: string, entry: string[], env: Record<string, string>, readyTimeoutMs = 120_000): ReplicaProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // Empty rather than deleted: dotenv never overrides a variable that is set, and "" reads as unset.
  for (const key of ISOLATED) childEnv[key] = '';
  for (const key of REMOVED) delete childEnv[key];
  Object.assign(childEnv, { HOST: '127.0.0.1', LOG_LEVEL: 'info' }, env);

  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...entry], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const otherOutput: string[] = [];
  let status: ExitStatus | null = null;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      status = { code, signal };
      resolve(status);
    });
  });

  let resolveReady: (port: number) => void;
  const serving = new Promise<number>((resolve) => (resolveReady = resolve));
  const onLine = (line: string) => {
    if (line.trim() === '') return;
    let parsed: LogLine | null = null;
    try {
      const value = JSON.parse(line) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) parsed = value as LogLine;
    } catch {
      parsed = null;
    }
    if (!parsed) return void otherOutput.push(line);
    logs.push(parsed);
    if (parsed.msg === 'newsdigest is running' && typeof parsed.port === 'number') resolveReady(parsed.port);
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        onLine(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
    });
  }

  const describe = () =>
    [...logs.slice(-8).map((l) => JSON.stringify(l)), ...otherOutput.slice(-20)].join('\n') || '(no output)';
  let timer: NodeJS.Timeout | undefined;
  const ready = Promise.race([
    serving,
    exited.then((s) => {
      throw new Error(`replica ${name} exited before it was ready (code ${s.code}, signal ${s.signal}):\n${describe()}`);
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`replica ${name} not ready within ${readyTimeoutMs} ms:\n${describe()}`)), readyTimeoutMs);
    }),
  ]).catch((err: unknown) => {
    if (status === null) child.kill('SIGKILL');
    throw err;
  }).finally(() => clearTimeout(timer));

  // A test that never awaits `ready` (e.g. it kills the replica first) must not see an unhandled rejection.
  ready.catch(() => undefined);

  return {
    name,
    pid: child.pid!,
    ready,
    logs,
    otherOutput,
    exited,
    exitStatus: () => status,
    logsWith: (msg) => logs.filter((l) => l.msg === msg || (typeof l.msg === 'string' && l.msg.startsWith(`${msg} `))),
    async killHard() {
      if (status === null) child.kill('SIGKILL');
      return exited;
    },
    async stop(timeoutMs = 30_000) {
      if (status !== null) return status;
      child.kill('SIGTERM');
      let stopTimer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        exited,
        new Promise<null>((resolve) => (stopTimer = setTimeout(() => resolve(null), timeoutMs))),
      ]).finally(() => clearTimeout(stopTimer));
      if (outcome === null) {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`replica ${name} did not exit within ${timeoutMs} ms of SIGTERM:\n${describe()}`);
      }
      return outcome;
    },
  };
}

/** Best-effort clean-up after a test: anything still running is killed. */
export async function killAll(replicas: ReplicaProcess[]): Promise<void> {
  await Promise.all(replicas.map((r) => r.killHard()));
}
