import { it } from 'vitest';
import { MEMBER, seedAidFigure, startHarness, GUILD, CHANNEL } from './harness.js';
it('bench', async () => {
  const h = await startHarness({ mode: 'http' });
  await seedAidFigure(h.store);
  const lat: number[] = [];
  const run = async () => {
    const body = JSON.stringify(h.fake.buildInteraction({ via: { http: h.url }, guildId: GUILD, channelId: CHANNEL, user: MEMBER, command: 'ask', options: { question: 'What is the total US military aid to Ukraine to date?' } }));
    const r = await h.fake.postSigned(h.url, body);
    if (r.status !== 200) throw new Error(String(r.status));
    lat.push(r.elapsedMs);
  };
  for (let i = 0; i < 200; i++) await run();
  lat.length = 0;
  const start = performance.now();
  // 200 req/s for 10 s, open loop
  const ps: Promise<void>[] = [];
  for (let i = 0; i < 2000; i++) { ps.push(run()); await new Promise((r) => setTimeout(r, 5)); }
  await Promise.all(ps);
  lat.sort((a, b) => a - b);
  console.log('n', lat.length, 'p50', lat[Math.floor(lat.length * 0.5)]!.toFixed(2), 'p99', lat[Math.floor(lat.length * 0.99)]!.toFixed(2), 'secs', ((performance.now() - start) / 1000).toFixed(1));
  await h.close();
}, 120_000);
