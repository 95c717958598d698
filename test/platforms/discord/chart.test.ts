/**
 * /figures chart:<measure> end to end on both receiving modes: the real discord.js clients against
 * the fake Discord, which parses the multipart body the way Discord does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodePng } from '../../helpers/decodePng.js';
import { seedAidSeries } from '../../helpers/aidSeries.js';
import { MEMBER, startHarness, type Harness, type HarnessOptions } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: HarnessOptions): Promise<Harness> {
  h = await startHarness(options);
  await seedAidSeries(h.store);
  return h;
}

// As Discord shows them: markdown link syntax escaped (src/platforms/discord/escape.ts).
const POINTS = ['4 Mar 2024: about $44.2 billion \\(Wire\\)', '12 Jun 2024: $51 billion \\(Wire\\)', '21 Oct 2024: more than $58 billion \\(Wire\\)'];

describe.each(['http', 'gateway'] as const)('/figures chart:<measure> over %s', (mode) => {
  it('is deferred within 3 s, then the reply shows the chart as an embed image uploaded as files[0]', async () => {
    const harness = await start({ mode });
    const record = await harness.run({ user: MEMBER, command: 'figures', options: { chart: 'total US aid to Ukraine' } });
    expect(record.initial?.type).toBe(5);
    expect(record.initial!.elapsedMs).toBeLessThan(3000);
    const reply = await harness.fake.visibleReply(record, 20_000);
    expect(reply).toMatchObject({ source: 'edit', deferred: true, ephemeral: false });
    expect(reply.attachments).toHaveLength(1);
    const [file] = reply.attachments;
    expect(file).toMatchObject({ filename: 'chart.png', content_type: 'image/png' });
    const png = decodePng(file!.data);
    expect([png.width, png.height]).toEqual([1200, 675]);
    expect(png.inked).toBeGreaterThan(0.005);
    expect(reply.embeds).toHaveLength(1);
    expect(reply.embeds[0]).toMatchObject({ title: 'Total aid (United States), running total as reported', description: POINTS.join('\n'), image: { url: file!.url } });

    const edit = harness.fake.requestsTo('PATCH /webhooks/:id/:token/messages/@original').at(-1)!;
    expect(edit.status).toBe(200);
    expect(edit.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect((edit.body as { _files: unknown[] })._files).toEqual([{ name: 'files[0]', filename: 'chart.png', size: file!.size }]);
    // payload_json names files[0] by its index, with the alt text for screen readers.
    const named = (edit.body as { attachments: Array<{ id: unknown; description?: string }> }).attachments;
    expect(named.map((x) => [String(x.id), x.description])).toEqual([['0', 'Line chart: Total aid (United States), running total as reported, 3 reported values from 4 Mar 2024 to 21 Oct 2024.']]);
    expect(file!.description).toBe(named[0]!.description);
  });

  it('when Discord refuses the upload as too large, the reply says so and lists every point; nothing is lost', async () => {
    const harness = await start({ mode, fake: { attachmentSizeLimit: 2_000 } });
    const record = await harness.run({ user: MEMBER, command: 'figures', options: { chart: 'total US aid to Ukraine' } });
    const reply = await harness.fake.waitFor(() => (record.edits > 0 && record.original ? record.original : null), 20_000, 'the edited reply');
    expect(reply.attachments).toEqual([]);
    expect(reply.content).toBe(['Discord refused the chart image as too large, so here are its points as text:', 'Total aid \\(United States\\), running total as reported', ...POINTS].join('\n'));
    const refused = harness.fake.requestsTo('PATCH /webhooks/:id/:token/messages/@original').find((r) => r.status === 413);
    expect(refused).toBeDefined();
  });

  it('with no series, answers privately with what is held and an example', async () => {
    const harness = await start({ mode });
    const record = await harness.run({ user: MEMBER, command: 'figures', options: { chart: 'penguins counted in Antarctica' } });
    const reply = await harness.fake.visibleReply(record, 20_000);
    expect(reply.ephemeral).toBe(true);
    expect(reply.attachments).toEqual([]);
    expect(reply.content).toMatch(/^There is no series to chart for "penguins counted in Antarctica"\.\n/);
    expect(reply.content).toMatch(/for example: \/figures chart:total US aid to Ukraine$/);
  });
});
