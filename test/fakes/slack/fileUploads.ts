/**
 * Slack's external file upload, as the fake serves it (docs: files.getUploadURLExternal,
 * files.completeUploadExternal):
 *  1. files.getUploadURLExternal {filename, length} → {upload_url, file_id}; a missing filename or
 *     a length that is not a positive integer is refused (length 0: missing_argument);
 *  2. a POST of the bytes to upload_url, raw or as multipart (any one file part): HTTP 200
 *     "OK - <bytes>"; any failure is a non-200 (unknown or expired URL 404, a byte count other
 *     than the declared length 400, a second upload 400);
 *  3. files.completeUploadExternal {files: [{id, title}], channel_id?, initial_comment?}: once per
 *     file; an unknown file, or one whose bytes never arrived, is file_not_found; the channel must
 *     exist (channel_not_found), not be archived (is_archived) and have the bot (not_in_channel).
 * Shared files are kept (bytes included) so tests can decode them.
 */
import { randomBytes } from 'node:crypto';

export interface PendingUpload {
  fileId: string;
  filename: string;
  length: number;
  createdAt: number;
  bytes: Buffer | null;
  completed: boolean;
}

export interface SharedFile {
  fileId: string;
  channel: string | null;
  filename: string;
  title: string;
  initialComment: string | undefined;
  bytes: Buffer;
  ts: string;
}

/** How long an upload_url takes bytes (the fake's choice; Slack does not document it). */
export const DEFAULT_UPLOAD_URL_TTL_MS = 10 * 60_000;

type Channel = { member: boolean; archived: boolean };
type Result = Record<string, unknown>;

/** Why the bot may not post or share into a channel, as Slack says it; null when it may. */
export function channelRefusal(channel: Channel | undefined): string | null {
  if (!channel) return 'channel_not_found';
  if (channel.archived) return 'is_archived';
  if (!channel.member) return 'not_in_channel';
  return null;
}

export class FakeFileUploads {
  readonly pending = new Map<string, PendingUpload>();
  readonly shared: SharedFile[] = [];

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
    private readonly baseUrl: () => string,
  ) {}

  getUploadUrl(params: Record<string, unknown>): Result {
    const filename = params.filename;
    if (typeof filename !== 'string' || filename.trim() === '') return { ok: false, error: 'invalid_arguments' };
    const length = Number(params.length);
    if (params.length === undefined || !Number.isInteger(length) || length < 0) return { ok: false, error: 'invalid_arguments' };
    if (length === 0) return { ok: false, error: 'missing_argument' };
    const fileId = `F${randomBytes(5).toString('hex').toUpperCase()}`;
    const id = randomBytes(12).toString('base64url');
    this.pending.set(id, { fileId, filename, length, createdAt: this.now(), bytes: null, completed: false });
    return { ok: true, upload_url: `${this.baseUrl()}/upload/v1/${id}`, file_id: fileId };
  }

  /** The POST to an upload_url: [status, body text]. */
  async receive(id: string, method: string, contentType: string, raw: Buffer): Promise<[number, string]> {
    const upload = this.pending.get(id);
    if (method !== 'POST') return [405, 'method_not_allowed'];
    if (!upload || this.now() - upload.createdAt > this.ttlMs) return [404, 'upload_url_expired'];
    if (upload.bytes !== null) return [400, 'already_uploaded'];
    let bytes = raw;
    if (contentType.startsWith('multipart/form-data')) {
      try {
        const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
        const file = [...form.values()].find((v) => typeof v !== 'string');
        if (file === undefined || typeof file === 'string') return [400, 'no_file_data'];
        bytes = Buffer.from(await file.arrayBuffer());
      } catch {
        return [400, 'invalid_form_data'];
      }
    }
    if (bytes.length !== upload.length) return [400, `length_mismatch: declared ${upload.length}, received ${bytes.length}`];
    upload.bytes = bytes;
    return [200, `OK - ${bytes.length}`];
  }

  complete(params: Record<string, unknown>, channels: ReadonlyMap<string, Channel>, nextTs: () => string): Result {
    let files: unknown = params.files;
    if (typeof files === 'string') {
      try {
        files = JSON.parse(files);
      } catch {
        return { ok: false, error: 'invalid_arguments' };
      }
    }
    if (!Array.isArray(files) || files.length === 0) return { ok: false, error: 'invalid_arguments' };
    const channelId = typeof params.channel_id === 'string' && params.channel_id !== '' ? params.channel_id : null;
    if (channelId !== null) {
      if (!/^[CGDZ][A-Z0-9]{8,}$/.test(channelId)) return { ok: false, error: 'invalid_arguments' };
      const refused = channelRefusal(channels.get(channelId));
      if (refused) return { ok: false, error: refused };
    }
    const found: Array<{ upload: PendingUpload; title: string }> = [];
    for (const f of files as Array<{ id?: unknown; title?: unknown }>) {
      const upload = [...this.pending.values()].find((u) => u.fileId === f?.id);
      if (!upload || upload.completed || upload.bytes === null) return { ok: false, error: 'file_not_found' };
      found.push({ upload, title: typeof f.title === 'string' && f.title !== '' ? f.title : upload.filename });
    }
    const ts = nextTs();
    const initialComment = typeof params.initial_comment === 'string' ? params.initial_comment : undefined;
    for (const { upload, title } of found) {
      upload.completed = true;
      this.shared.push({ fileId: upload.fileId, channel: channelId, filename: upload.filename, title, initialComment, bytes: upload.bytes!, ts });
    }
    return { ok: true, files: found.map(({ upload, title }) => ({ id: upload.fileId, title, name: upload.filename, size: upload.length })) };
  }
}
