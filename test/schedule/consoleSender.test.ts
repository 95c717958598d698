import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { ConsoleSender } from '../../src/delivery/consoleSender.js';
import { DeliveryError } from '../../src/delivery/sender.js';
import type { Digest } from '../../src/digest/digest.js';

const digest: Digest = {
  channelKey: 'console:console',
  title: 'News digest · 21 Oct 2024',
  periodStart: '2024-10-20T08:00:00.000Z',
  periodEnd: '2024-10-21T08:00:00.000Z',
  sections: [
    {
      topicId: 'ukraine-aid',
      heading: 'Military aid to Ukraine',
      items: [{ articleId: 1, title: 'US announces $425 million in aid', link: 'https://www.voanews.com/a/1.html', published: '2024-10-21T06:00:00.000Z', sources: ['VOA'], summary: null }],
    },
  ],
  figures: [],
  articleCount: 1,
  omittedCount: 0,
};

describe('the console sender', () => {
  it('renders a digest as one plain-text message and prints it', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (d: Buffer) => (printed += d.toString()));
    const sender = new ConsoleSender({ out });

    const messages = sender.render(digest);
    expect(messages).toHaveLength(1);
    await sender.post('console', messages[0], '7:0');

    expect(printed).toBe(messages[0]);
    expect(printed).toContain('US announces $425 million in aid');
    expect(printed).toContain('VOA');
    expect(printed).toContain('https://www.voanews.com/a/1.html');
  });

  it('refuses a message rendered for another platform, for good', async () => {
    const sender = new ConsoleSender({ out: new PassThrough() });
    const failure = await sender.post('console', { embeds: [] }, '7:0').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ permanent: true });
  });
});
