import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { ConfigError } from '../../src/config/load.js';
import { syncConfigChannels } from '../../src/schedule/syncConfigChannels.js';
import { addChannel, baseConfig, openTempStore, type TempStore } from './world.js';

let world: TempStore;
beforeEach(async () => {
  world = await openTempStore();
});
afterEach(async () => world.cleanup());

const withChannels = (channels: Array<Partial<Config['channels'][number]> & Pick<Config['channels'][number], 'platform' | 'id'>>): Config => {
  const config = baseConfig({ schedule: '0 7 * * *', timezone: 'Europe/Kyiv', maxArticles: 30, postWhenEmpty: false });
  return { ...config, channels: channels.map((c) => ({ topics: [], feeds: [], alerts: [], ...c })) };
};

describe('channels declared in config', () => {
  it('are stored at start with the digest defaults and their subscriptions', async () => {
    const config = withChannels([
      { platform: 'console', id: 'console', topics: ['ukraine-aid'] },
      { platform: 'discord', id: '123456789012345678', schedule: '30 18 * * 1-5', feeds: ['https://news.example/only-here.xml'] },
    ]);

    const result = await syncConfigChannels(world.store, config);

    expect(result.created).toEqual(['console:console', 'discord:123456789012345678']);
    expect(await world.store.getChannel('console:console')).toMatchObject({ origin: 'config', schedule: '0 7 * * *', timezone: 'Europe/Kyiv', maxArticles: 30, postWhenEmpty: false });
    expect(await world.store.getChannel('discord:123456789012345678')).toMatchObject({ origin: 'config', schedule: '30 18 * * 1-5', timezone: 'Europe/Kyiv' });
    expect((await world.store.listSubscriptions('console:console')).map((s) => [s.kind, s.value])).toEqual([['topic', 'ukraine-aid']]);
    expect((await world.store.listSubscriptions('discord:123456789012345678')).map((s) => [s.kind, s.value])).toEqual([['feed', 'https://news.example/only-here.xml']]);
    // A feed named only under a channel is a configured feed, so it gets polled.
    expect(await world.store.getFeed('https://news.example/only-here.xml')).toMatchObject({ trusted: true });
  });

  it('a second start with the same config changes nothing, so catch-up after downtime still works', async () => {
    const config = withChannels([{ platform: 'console', id: 'console', topics: ['ukraine-aid'] }]);
    await syncConfigChannels(world.store, config);
    const before = await world.store.getChannel('console:console');
    await new Promise((r) => setTimeout(r, 5));

    const result = await syncConfigChannels(world.store, config);

    expect(result).toMatchObject({ created: [], updated: [], unchanged: ['console:console'], subscriptionsAdded: 0 });
    expect((await world.store.getChannel('console:console'))!.updatedAt).toBe(before!.updatedAt);
  });

  it('a key set in config wins over a change from chat; a key config leaves out keeps the change', async () => {
    await syncConfigChannels(world.store, withChannels([{ platform: 'discord', id: 'C1', maxArticles: 10 }]));
    const stored = (await world.store.getChannel('discord:C1'))!;
    // An admin changed schedule and maxArticles from chat.
    await world.store.upsertChannel({ ...stored, schedule: '15 9 * * *', maxArticles: 50 });

    await syncConfigChannels(world.store, withChannels([{ platform: 'discord', id: 'C1', maxArticles: 10 }]));

    expect(await world.store.getChannel('discord:C1')).toMatchObject({ schedule: '15 9 * * *', maxArticles: 10, origin: 'config' });
  });

  it('channels made from chat are kept, with their subscriptions', async () => {
    const chat = await addChannel(world.store, { platform: 'slack', id: 'C0CHAT', schedule: '0 12 * * *' });

    await syncConfigChannels(world.store, withChannels([{ platform: 'console', id: 'console' }]));

    expect(await world.store.getChannel(chat.key)).toMatchObject({ origin: 'chat', schedule: '0 12 * * *' });
    expect(await world.store.listSubscriptions(chat.key)).toHaveLength(1);
    expect((await world.store.listChannels()).map((c) => c.key).sort()).toEqual(['console:console', 'slack:C0CHAT']);
  });

  it('a channel declared twice is a configuration error and nothing is written', async () => {
    const config = withChannels([
      { platform: 'discord', id: 'C1' },
      { platform: 'discord', id: 'C1', schedule: '0 9 * * *' },
    ]);

    await expect(syncConfigChannels(world.store, config)).rejects.toThrow(ConfigError);
    await expect(syncConfigChannels(world.store, config)).rejects.toThrow('channels[1]: discord:C1 is already declared at channels[0]');
    expect(await world.store.listChannels()).toEqual([]);
  });
});
