/**
 * Discord's Create/Edit Message checks (resources/message.mdx): content ≤ 2000, ≤ 10 embeds, the
 * embed field limits, 6000 characters across all embeds (counted after trimming), http(s) URLs in
 * embeds, and allowed_mentions rules. Empty messages are refused with 50006 as Discord does.
 */
import { FormErrors, apiError, type ApiError } from './formErrors.js';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  nonce: 25,
  allowedUsers: 100,
} as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const len = (v: unknown): number => (typeof v === 'string' ? v.trim().length : 0);

function checkLength(errors: FormErrors, path: Array<string | number>, value: unknown, max: number, required = false): void {
  if (value === undefined || value === null) {
    if (required) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (typeof value !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
    return;
  }
  if (required && value.trim() === '') errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  if (value.length > max) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

function checkUrl(errors: FormErrors, path: Array<string | number>, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !/^(https?|attachment):\/\/\S+$/i.test(value)) {
    errors.add(path, 'URL_TYPE_INVALID_PROTOCOL', "Scheme must be one of ('http', 'https').");
  }
}

/** Characters that count towards the 6000 limit of one embed. */
export function embedLength(embed: Json): number {
  const fields = Array.isArray(embed.fields) ? (embed.fields as Json[]) : [];
  return (
    len(embed.title) +
    len(embed.description) +
    len(isObject(embed.footer) ? embed.footer.text : undefined) +
    len(isObject(embed.author) ? embed.author.name : undefined) +
    fields.reduce((sum, f) => sum + len(f?.name) + len(f?.value), 0)
  );
}

function checkEmbed(errors: FormErrors, i: number, embed: unknown): void {
  const at = (...p: Array<string | number>): Array<string | number> => ['embeds', i, ...p];
  if (!isObject(embed)) {
    errors.add(at(), 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  checkLength(errors, at('title'), embed.title, LIMITS.title);
  checkLength(errors, at('description'), embed.description, LIMITS.description);
  checkUrl(errors, at('url'), embed.url);
  if (embed.color !== undefined && embed.color !== null && (!Number.isInteger(embed.color) || (embed.color as number) < 0 || (embed.color as number) > 0xffffff)) {
    errors.add(at('color'), 'NUMBER_TYPE_MAX', 'int value should be <= 16777215 and >= 0.');
  }
  if (embed.timestamp !== undefined && embed.timestamp !== null && (typeof embed.timestamp !== 'string' || Number.isNaN(Date.parse(embed.timestamp)))) {
    errors.add(at('timestamp'), 'DATE_TYPE_PARSE', 'Could not parse timestamp. Should be ISO8601.');
  }
  if (embed.footer !== undefined) {
    if (!isObject(embed.footer)) errors.add(at('footer'), 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    else {
      checkLength(errors, at('footer', 'text'), embed.footer.text, LIMITS.footer, true);
      checkUrl(errors, at('footer', 'icon_url'), embed.footer.icon_url);
    }
  }
  if (embed.author !== undefined) {
    if (!isObject(embed.author)) errors.add(at('author'), 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    else {
      checkLength(errors, at('author', 'name'), embed.author.name, LIMITS.author, true);
      checkUrl(errors, at('author', 'url'), embed.author.url);
    }
  }
  if (embed.fields !== undefined) {
    if (!Array.isArray(embed.fields)) errors.add(at('fields'), 'BASE_TYPE_LIST', 'Must be a list.');
    else {
      if (embed.fields.length > LIMITS.fields) errors.add(at('fields'), 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.fields} or fewer in length.`);
      embed.fields.forEach((field: unknown, j: number) => {
        if (!isObject(field)) return errors.add(at('fields', j), 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
        checkLength(errors, at('fields', j, 'name'), field.name, LIMITS.fieldName, true);
        checkLength(errors, at('fields', j, 'value'), field.value, LIMITS.fieldValue, true);
      });
    }
  }
}

function checkAllowedMentions(errors: FormErrors, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) return errors.add(['allowed_mentions'], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  const parse = value.parse;
  if (parse !== undefined) {
    if (!Array.isArray(parse)) return errors.add(['allowed_mentions', 'parse'], 'BASE_TYPE_LIST', 'Must be a list.');
    parse.forEach((p, i) => {
      if (p !== 'roles' && p !== 'users' && p !== 'everyone') errors.add(['allowed_mentions', 'parse', i], 'BASE_TYPE_CHOICES', `Value must be one of {'roles', 'users', 'everyone'}.`);
    });
  }
  for (const kind of ['users', 'roles'] as const) {
    const list = value[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      errors.add(['allowed_mentions', kind], 'BASE_TYPE_LIST', 'Must be a list.');
      continue;
    }
    if (list.length > LIMITS.allowedUsers) errors.add(['allowed_mentions', kind], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.allowedUsers} or fewer in length.`);
    if (Array.isArray(parse) && parse.includes(kind)) {
      errors.add(['allowed_mentions'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`);
    }
  }
}

export interface MessageCheckOptions {
  /** Create Message needs something to show; an edit may change only some fields. */
  requireContent: boolean;
  /** Flags a bot may set here (SUPPRESS_EMBEDS 4, EPHEMERAL 64 on interaction messages, ...). */
  allowedFlags: number;
}

/** Null when Discord would accept the body; else the error it would answer with. */
export function checkMessageBody(body: unknown, options: MessageCheckOptions): ApiError | null {
  if (!isObject(body)) return apiError(400, 50109, 'The request body contains invalid JSON.');
  const errors = new FormErrors();
  checkLength(errors, ['content'], body.content, LIMITS.content);
  if (body.embeds !== undefined && body.embeds !== null) {
    if (!Array.isArray(body.embeds)) errors.add(['embeds'], 'BASE_TYPE_LIST', 'Must be a list.');
    else {
      if (body.embeds.length > LIMITS.embeds) errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.embeds} or fewer in length.`);
      body.embeds.forEach((embed: unknown, i: number) => checkEmbed(errors, i, embed));
      const total = (body.embeds as unknown[]).reduce<number>((sum, e) => sum + (isObject(e) ? embedLength(e) : 0), 0);
      if (total > LIMITS.embedTotal) errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
    }
  }
  checkAllowedMentions(errors, body.allowed_mentions);
  if (body.nonce !== undefined && body.nonce !== null) {
    const ok = (typeof body.nonce === 'string' && body.nonce.length <= LIMITS.nonce) || Number.isSafeInteger(body.nonce);
    if (!ok) errors.add(['nonce'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.nonce} or fewer in length.`);
  }
  if (body.enforce_nonce !== undefined && typeof body.enforce_nonce !== 'boolean') errors.add(['enforce_nonce'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
  if (body.flags !== undefined && body.flags !== null) {
    if (!Number.isInteger(body.flags) || ((body.flags as number) & ~options.allowedFlags) !== 0) errors.add(['flags'], 'MESSAGE_INVALID_FLAGS', 'Invalid flags.');
  }
  if (!errors.empty) return { status: 400, body: errors.body() };

  if (options.requireContent) {
    const hasContent = typeof body.content === 'string' && body.content.trim() !== '';
    const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
    const hasOther = ['sticker_ids', 'components', 'attachments', 'poll'].some((k) => Array.isArray(body[k]) ? (body[k] as unknown[]).length > 0 : body[k] !== undefined && body[k] !== null);
    if (!hasContent && !hasEmbeds && !hasOther) return apiError(400, 50006, 'Cannot send an empty message');
  }
  return null;
}
