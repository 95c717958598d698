/**
 * Discord's side of file uploads (reference.mdx §Uploading Files): a `multipart/form-data` body
 * with its boundary, the JSON in a `payload_json` part, each file in a `files[n]` part with a
 * filename, `attachments[].id` naming the `n` of its part, `attachment://<filename>` in an embed
 * pointing at an uploaded file. Files over the size limit (10 MiB unless the interaction said
 * otherwise) and requests over 25 MiB are refused with 413 `{code: 40005, message: "Request entity too large"}`.
 */
import { FormErrors, apiError, type ApiError } from './formErrors.js';
import { snowflake } from './snowflake.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const DEFAULT_ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;
export const MAX_REQUEST_BYTES = 25 * 1024 * 1024;

export interface UploadedFile {
  index: number;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface StoredAttachment {
  id: string;
  filename: string;
  description?: string;
  size: number;
  content_type: string;
  url: string;
  proxy_url: string;
  /** The bytes as received (tests decode them); not part of the API object. */
  data: Buffer;
}

export const tooLarge = (): ApiError => apiError(413, 40005, 'Request entity too large');

/** The body and files of a multipart request, or the error Discord answers with. */
export async function readMultipart(raw: Buffer, contentType: string, sizeLimit: number): Promise<{ body: Json; files: UploadedFile[] } | ApiError> {
  if (!/;\s*boundary=("?)[^";]+\1/i.test(contentType)) {
    const errors = new FormErrors();
    errors.add([], 'CONTENT_TYPE_INVALID', 'multipart/form-data needs a boundary parameter.');
    return { status: 400, body: errors.body() };
  }
  if (raw.length > MAX_REQUEST_BYTES) return tooLarge();
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { status: 400, body: new FormErrors().body() };
  }
  let body: Json = {};
  const files: UploadedFile[] = [];
  const errors = new FormErrors();
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      if (name !== 'payload_json') continue;
      try {
        const parsed: unknown = JSON.parse(value);
        if (!isObject(parsed)) return apiError(400, 50109, 'The request body contains invalid JSON.');
        body = parsed;
      } catch {
        return apiError(400, 50109, 'The request body contains invalid JSON.');
      }
      continue;
    }
    const m = /^files\[(\d{1,2})\]$/.exec(name);
    if (!m) {
      errors.add([name], 'ATTACHMENT_PART_NAME_INVALID', 'File parts are named files[n].');
      continue;
    }
    const index = Number(m[1]);
    if (files.some((f) => f.index === index)) errors.add([name], 'ATTACHMENT_PART_DUPLICATE', `files[${index}] was sent twice.`);
    if (!value.name) errors.add([name], 'BASE_TYPE_REQUIRED', 'A file part needs a filename.');
    if (value.size > sizeLimit) return tooLarge();
    files.push({ index, filename: value.name, contentType: value.type || 'application/octet-stream', data: Buffer.from(await value.arrayBuffer()) });
  }
  if (files.length > 10) errors.add(['files'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  if (!errors.empty) return { status: 400, body: errors.body() };
  return { body, files };
}

/**
 * The message's attachments after this request: `attachments[]` entries name uploaded parts by
 * their index (or, on an edit, attachments the message already has, which it keeps); uploaded
 * files nobody named are attached too. Embeds' `attachment://name` URLs become the file's CDN URL.
 */
export function resolveAttachments(channelId: string, body: Json, files: UploadedFile[], existing: StoredAttachment[]): { attachments: StoredAttachment[]; embeds: Json[] | undefined } | ApiError {
  const errors = new FormErrors();
  const out: StoredAttachment[] = [];
  const used = new Set<number>();
  const store = (file: UploadedFile, filename: string, description: string | undefined): void => {
    const id = snowflake();
    const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    out.push({ id, filename, ...(description ? { description } : {}), size: file.data.length, content_type: file.contentType, url, proxy_url: url.replace('cdn.discordapp.com', 'media.discordapp.net'), data: file.data });
    used.add(file.index);
  };
  if (body.attachments !== undefined && body.attachments !== null) {
    if (!Array.isArray(body.attachments)) errors.add(['attachments'], 'BASE_TYPE_LIST', 'Must be a list.');
    else
      body.attachments.forEach((entry: unknown, i: number) => {
        if (!isObject(entry) || entry.id === undefined || entry.id === null) return errors.add(['attachments', i, 'id'], 'BASE_TYPE_REQUIRED', 'This field is required');
        const id = String(entry.id);
        const kept = existing.find((a) => a.id === id);
        if (kept) return void out.push(kept);
        const file = /^\d{1,2}$/.test(id) ? files.find((f) => f.index === Number(id)) : undefined;
        if (!file) return errors.add(['attachments', i, 'id'], 'ATTACHMENT_NOT_FOUND', `No files[${id}] part was uploaded with this request.`);
        if (used.has(file.index)) return errors.add(['attachments', i, 'id'], 'ATTACHMENT_DUPLICATE', `files[${id}] is named twice.`);
        const filename = typeof entry.filename === 'string' && entry.filename !== '' ? entry.filename : file.filename;
        store(file, filename, typeof entry.description === 'string' ? entry.description : undefined);
      });
  } else {
    // Without an attachments array an edit keeps what the message has.
    out.push(...existing);
  }
  for (const file of files) if (!used.has(file.index)) store(file, file.filename, undefined);
  if (!errors.empty) return { status: 400, body: errors.body() };

  const resolveUrl = (url: unknown): unknown => {
    if (typeof url !== 'string' || !url.startsWith('attachment://')) return url;
    const name = url.slice('attachment://'.length);
    return out.find((a) => a.filename === name)?.url ?? url;
  };
  const embeds = Array.isArray(body.embeds)
    ? (body.embeds as unknown[]).map((e) => {
        if (!isObject(e)) return e as Json;
        const copy: Json = { ...e };
        for (const key of ['image', 'thumbnail'] as const) if (isObject(e[key])) copy[key] = { ...(e[key] as Json), url: resolveUrl((e[key] as Json).url) };
        return copy;
      })
    : undefined;
  return { attachments: out, embeds };
}

/** The attachment as the API returns it. */
export function apiAttachment(a: StoredAttachment): Json {
  const { data: _data, ...rest } = a;
  return rest;
}
