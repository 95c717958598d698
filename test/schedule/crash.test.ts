import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '../helpers/tempConfig.js';
import { startFakeChat, type FakeChat } from './fakeChat.js';
import { addArticles, addChannel, at, futureDay, openTempStore, type TempStore } from './world.js';

let world: TempStore;
let chat: FakeChat;
const children: ChildProcess[] = [];
const day = futureDay(3);

beforeEach(async () => {
  world = await openTempStore();
  chat = await startFakeChat();
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await chat.close();
  await world.cleanup();
});

function runChild(mode: 'record-then-hang' | 'restart', now: Date): { child: ChildProcess; output: () => string; waitFor(text: string): Promise<void>; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/schedule/crashChild.ts'], {
    cwd: repoRoot,
    env: { ...process.env, CRASH_CHILD_MODE: mode, CRASH_CHILD_DB: world.file, CRASH_CHILD_CHAT_URL: chat.url, CRASH_CHILD_NOW: now.toISOString() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => out,
    async waitFor(text) {
      const until = Date.now() + 25_000;
      while (!out.includes(text)) {
        if (child.exitCode !== null) throw new Error(`child exited (${child.exitCode}) before printing ${text}:\n${out}\n${err}`);
        if (Date.now() > until) throw new Error(`child did not print ${text} in time:\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
  };
}

describe('crash safety of the outbox', () => {
  it('a process killed with SIGKILL after recording a digest and before sending it posts it exactly once after restart', async () => {
    const channel = await addChannel(world.store, { id: 'chan-a' });
    await addArticles(world.store, 2, at(day, '07:00'));
    const now = at(day, '08:00', 30);

    const first = runChild('record-then-hang', now);
    await first.waitFor('RECORDED');
    // Recorded, nothing posted yet: this is the window the kill lands in.
    const [recorded] = await world.store.listDigests(channel.key, 10);
    expect(recorded).toMatchObject({ status: 'pending', sentParts: 0, slot: at(day, '08:00').toISOString() });
    expect(chat.requests).toBe(0);
    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });

    const second = runChild('restart', now);
    await second.waitFor('DONE');
    expect((await second.exited).code).toBe(0);

    expect(chat.posts.map((p) => p.idempotencyKey)).toEqual([`${recorded!.id}:0`]);
    expect(chat.posts[0]!.content).toBe(recorded!.payload[0]);
    const digests = await world.store.listDigests(channel.key, 10);
    expect(digests.map((d) => [d.id, d.status])).toEqual([[recorded!.id, 'sent']]);

    // A further restart changes nothing.
    const third = runChild('restart', new Date(now.getTime() + 60_000));
    await third.waitFor('DONE');
    expect(chat.posts).toHaveLength(1);
    // Three child processes start tsx each; on a loaded machine that takes a while.
  }, 120_000);
});
