/**
 * The load generator, run as its own process (child_process.fork from bench/load.ts) so that the bot
 * under test shares no event loop with it. Open loop: request i is due at start + i / rate whether or
 * not earlier ones were answered, alternating Discord and Slack; a request is timed from when it was
 * due (so a late send counts against the bot, never hides a stall), and given up after `timeoutMs`.
 * It sends exactly round(rate × seconds) requests, waits for the last answers and reports back.
 */
import http from 'node:http';
import { createPrivateKey } from 'node:crypto';
import { checkDiscordReply, checkSlackAck, discordInteraction, MEMBER_PERMISSIONS, slackCommand, stringOption, type SignedRequest } from './signedRequests.js';

export interface LoadPlan {
  /** http://127.0.0.1:PORT of the bot. */
  baseUrl: string;
  /** Requests per second, both endpoints together. */
  rate: number;
  seconds: number;
  /** Wall-clock time (epoch ms) of the first request. */
  startAtMs: number;
  timeoutMs: number;
  questions: string[];
  discord: { privateKeyPem: string; applicationId: string; guildId: string; channelIds: string[]; userId: string };
  slack: { signingSecret: string; teamId: string; channelIds: string[]; userId: string; responseUrlBase: string };
}

export type Endpoint = 'discord' | 'slack';

export interface EndpointResult {
  sent: number;
  /** Milliseconds from when each request was due to its whole answer, for every correct answer. */
  latencies: number[];
  /** When each of those requests was due (epoch ms), index for index. */
  dueAt: number[];
  /** Problem → count: HTTP errors, timeouts, wrong bodies, connection failures. */
  errors: Record<string, number>;
  /** Slack acks that carried the answer itself (the rest were acked empty, answer to follow). */
  answeredInAck: number;
}

export interface LoadReport {
  discord: EndpointResult;
  slack: EndpointResult;
  /** How late the generator itself sent requests (ms): p99 and max, to show the generator kept up. */
  sendLagP99: number;
  sendLagMax: number;
  /** CPU the generator itself used (ms, user + system), from its first request to its last answer. */
  cpuMs: number;
}

function emptyResult(): EndpointResult {
  return { sent: 0, latencies: [], dueAt: [], errors: {}, answeredInAck: 0 };
}

export async function runLoad(plan: LoadPlan): Promise<LoadReport> {
  const key = createPrivateKey(plan.discord.privateKeyPem);
  const base = new URL(plan.baseUrl);
  if (base.hostname !== '127.0.0.1') throw new Error(`the load generator only talks to 127.0.0.1 (got ${base.hostname})`);
  // Connections are reused, as the platforms' senders do, and never queued on our side. With a
  // timeout set, Node honours the server's "Keep-Alive: timeout=5" and drops an idle socket a second
  // early, so no request is sent on a socket the server is closing (an ECONNRESET of the client's making).
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 60_000 });
  const results: Record<Endpoint, EndpointResult> = { discord: emptyResult(), slack: emptyResult() };
  const lags: number[] = [];
  const total = Math.round(plan.rate * plan.seconds);
  const interval = 1000 / plan.rate;
  const perfStart = performance.now() + (plan.startAtMs - Date.now());
  const inFlight = new Set<Promise<void>>();

  const fail = (endpoint: Endpoint, problem: string): void => {
    results[endpoint].errors[problem] = (results[endpoint].errors[problem] ?? 0) + 1;
  };

  function build(i: number, endpoint: Endpoint): SignedRequest {
    const question = plan.questions[Math.floor(i / 2) % plan.questions.length]!;
    if (endpoint === 'discord') {
      const d = plan.discord;
      return discordInteraction(key, {
        applicationId: d.applicationId,
        guildId: d.guildId,
        channelId: d.channelIds[i % d.channelIds.length]!,
        userId: d.userId,
        permissions: MEMBER_PERMISSIONS,
        name: 'ask',
        options: [stringOption('question', question)],
      });
    }
    const s = plan.slack;
    return slackCommand(s.signingSecret, {
      teamId: s.teamId,
      channelId: s.channelIds[i % s.channelIds.length]!,
      userId: s.userId,
      command: '/ask',
      text: question,
      responseUrl: `${s.responseUrlBase}${i}`,
    });
  }

  function send(i: number, dueAt: number): Promise<void> {
    const dueAtEpoch = plan.startAtMs + i * interval;
    const endpoint: Endpoint = i % 2 === 0 ? 'discord' : 'slack';
    results[endpoint].sent++;
    const request = build(i, endpoint);
    lags.push(performance.now() - dueAt);
    return new Promise<void>((resolve) => {
      let settled = false;
      const done = (problem: string | null, latency?: number): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (problem) fail(endpoint, problem);
        else {
          results[endpoint].latencies.push(latency!);
          results[endpoint].dueAt.push(dueAtEpoch);
        }
        resolve();
      };
      const req = http.request(
        { host: '127.0.0.1', port: Number(base.port), method: 'POST', path: request.path, agent, headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err) => done(`response error: ${err.message}`));
          res.on('end', () => {
            const latency = performance.now() - dueAt;
            const text = Buffer.concat(chunks).toString('utf8');
            const check = endpoint === 'discord' ? checkDiscordReply(res.statusCode ?? 0, res.headers['content-type'], text) : checkSlackAck(res.statusCode ?? 0, res.headers['content-type'], text);
            if (!check.ok) return done(check.problem);
            if (endpoint === 'slack' && check.text !== '') results.slack.answeredInAck++;
            done(null, latency);
          });
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        done(`no answer within ${plan.timeoutMs} ms`);
      }, Math.max(1, dueAt + plan.timeoutMs - performance.now()));
      req.on('error', (err: NodeJS.ErrnoException) => done(`connection: ${err.code ?? err.message}`));
      req.end(request.body);
    });
  }

  let cpuAtStart: NodeJS.CpuUsage | null = null;
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = (): void => {
      cpuAtStart ??= process.cpuUsage();
      const now = performance.now();
      while (next < total && perfStart + next * interval <= now) {
        const work = send(next, perfStart + next * interval);
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
        next++;
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, perfStart + next * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, perfStart - performance.now()));
  });
  await Promise.all([...inFlight]);
  const cpu = process.cpuUsage(cpuAtStart ?? undefined);
  agent.destroy();
  lags.sort((a, b) => a - b);
  return {
    discord: results.discord,
    slack: results.slack,
    sendLagP99: lags[Math.max(0, Math.ceil(0.99 * lags.length) - 1)] ?? 0,
    sendLagMax: lags[lags.length - 1] ?? 0,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

// Run as a forked child: one plan in, one report out, then exit.
if (process.send) {
  process.once('message', (plan: LoadPlan) => {
    runLoad(plan).then(
      (report) => process.send!({ report }, () => process.exit(0)),
      (err: Error) => process.send!({ error: err.stack ?? err.message }, () => process.exit(1)),
    );
  });
}
