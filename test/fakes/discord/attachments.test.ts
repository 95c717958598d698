/** The fake Discord reads uploads the way Discord does, and refuses what Discord refuses. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from './index.js';

const CHANNEL = '410000000000000011';
let fake: FakeDiscord;
beforeEach(async () => {
  fake = await FakeDiscord.start({ guilds: [{ id: '410000000000000001', channels: [{ id: CHANNEL }] }], attachmentSizeLimit: 64 });
});
afterEach(async () => fake.close());

const bytes = (n: number): Blob => new Blob([new Uint8Array(n).fill(7)], { type: 'image/png' });

async function post(body: FormData | string, contentType?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fake.apiBase}/v10/channels/${CHANNEL}/messages`, {
    method: 'POST',
    headers: { authorization: `Bot ${fake.token}`, ...(contentType ? { 'content-type': contentType } : {}) },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

function form(payload: unknown, files: Array<[string, Blob, string]>): FormData {
  const f = new FormData();
  f.append('payload_json', typeof payload === 'string' ? payload : JSON.stringify(payload));
  for (const [name, blob, filename] of files) f.append(name, blob, filename);
  return f;
}

describe('fake Discord uploads', () => {
  it('stores files[0] under the id attachments[] gives it and points the embed at its CDN URL', async () => {
    const res = await post(form({ embeds: [{ image: { url: 'attachment://a.png' } }], attachments: [{ id: 0, filename: 'a.png', description: 'alt' }] }, [['files[0]', bytes(10), 'a.png']]));
    expect(res.status).toBe(200);
    const [stored] = fake.messages(CHANNEL);
    expect(stored!.attachments).toMatchObject([{ filename: 'a.png', description: 'alt', size: 10, content_type: 'image/png' }]);
    expect(stored!.embeds[0]).toEqual({ image: { url: stored!.attachments[0]!.url } });
    expect((res.json.attachments as unknown[])[0]).not.toHaveProperty('data');
  });

  it('refuses a file over the size limit with 413 40005 "Request entity too large"', async () => {
    const res = await post(form({}, [['files[0]', bytes(65), 'a.png']]));
    expect(res).toEqual({ status: 413, json: { message: 'Request entity too large', code: 40005 } });
    expect(fake.messages(CHANNEL)).toEqual([]);
  });

  it('refuses multipart without a boundary, and a payload_json that is not JSON', async () => {
    expect((await post('x', 'multipart/form-data')).json).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
    expect(await post(form('{not json', [['files[0]', bytes(4), 'a.png']]))).toEqual({ status: 400, json: { code: 50109, message: 'The request body contains invalid JSON.' } });
  });

  it('refuses an attachments id with no files[n] part, and a file part named otherwise', async () => {
    const wrongId = await post(form({ attachments: [{ id: 1, filename: 'a.png' }] }, [['files[0]', bytes(4), 'a.png']]));
    expect(wrongId.status).toBe(400);
    expect(wrongId.json).toMatchObject({ code: 50035, errors: { attachments: { '0': { id: { _errors: [{ code: 'ATTACHMENT_NOT_FOUND' }] } } } } });
    const wrongName = await post(form({}, [['file', bytes(4), 'a.png']]));
    expect(wrongName.json).toMatchObject({ code: 50035, errors: { file: { _errors: [{ code: 'ATTACHMENT_PART_NAME_INVALID' }] } } });
    expect(fake.messages(CHANNEL)).toEqual([]);
  });
});
