/** The fake Slack's external upload flow refuses what Slack refuses, at each of its three steps. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './fakeSlack.js';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await FakeSlack.start();
  fake.addChannel('C0CHARTS01');
});
afterEach(async () => fake.close());

async function api(method: string, params: Record<string, string>, token = fake.botToken): Promise<Record<string, unknown>> {
  const res = await fetch(`${fake.apiUrl}${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function uploadUrl(length: number) {
  const r = await api('files.getUploadURLExternal', { filename: 'a.png', length: String(length) });
  return { url: r.upload_url as string, id: r.file_id as string };
}

describe('fake Slack external uploads', () => {
  it('takes raw bytes of the declared length with 200 "OK - n", then shares the file once', async () => {
    const { url, id } = await uploadUrl(3);
    const res = await fetch(url, { method: 'POST', body: new Uint8Array([1, 2, 3]) });
    expect([res.status, await res.text()]).toEqual([200, 'OK - 3']);
    const done = await api('files.completeUploadExternal', { files: JSON.stringify([{ id, title: 'A' }]), channel_id: 'C0CHARTS01', initial_comment: 'hi' });
    expect(done).toEqual({ ok: true, files: [{ id, title: 'A', name: 'a.png', size: 3 }] });
    expect(fake.files.shared.map((f) => [f.channel, f.title, f.initialComment, [...f.bytes]])).toEqual([['C0CHARTS01', 'A', 'hi', [1, 2, 3]]]);
    expect(await api('files.completeUploadExternal', { files: JSON.stringify([{ id }]), channel_id: 'C0CHARTS01' })).toEqual({ ok: false, error: 'file_not_found' });
  });

  it('answers non-200 for bytes of another length, and file_not_found when completing without bytes', async () => {
    const { url, id } = await uploadUrl(5);
    expect((await fetch(url, { method: 'POST', body: new Uint8Array([1]) })).status).toBe(400);
    expect(await api('files.completeUploadExternal', { files: JSON.stringify([{ id }]), channel_id: 'C0CHARTS01' })).toEqual({ ok: false, error: 'file_not_found' });
  });

  it('refuses bad arguments, unknown channels and other tokens as Slack does', async () => {
    expect(await api('files.getUploadURLExternal', { length: '3' })).toEqual({ ok: false, error: 'invalid_arguments' });
    expect(await api('files.getUploadURLExternal', { filename: 'a.png', length: '0' })).toEqual({ ok: false, error: 'missing_argument' });
    expect(await api('files.getUploadURLExternal', { filename: 'a.png', length: '3' }, 'xoxb-wrong')).toEqual({ ok: false, error: 'invalid_auth' });
    const { url, id } = await uploadUrl(1);
    await fetch(url, { method: 'POST', body: new Uint8Array([9]) });
    expect(await api('files.completeUploadExternal', { channel_id: 'C0CHARTS01' })).toEqual({ ok: false, error: 'invalid_arguments' });
    expect(await api('files.completeUploadExternal', { files: JSON.stringify([{ id }]), channel_id: 'C0NOSUCH01' })).toEqual({ ok: false, error: 'channel_not_found' });
    expect(fake.files.shared).toEqual([]);
  });
});
