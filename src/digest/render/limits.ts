/**
 * The platforms' message limits, and validators that list every limit a message breaks. The
 * renderers pack messages to these numbers; the tests (and the loopback fakes of Discord and Slack)
 * check messages with the validators, so a limit is written down once.
 *
 * Lengths are counted in UTF-16 code units (String#length), which is never less than the code
 * points a platform may count: a message that passes here passes there.
 *
 * Sources: Discord resources/message.mdx (Create Message, Embed Limits); Slack Block Kit reference
 * (blocks, section, header, context) and chat.postMessage.
 */

export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer text and author name over all embeds. */
  embedCharacters: 6000,
} as const;

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextElementText: 3000,
  blockId: 255,
  /** chat.postMessage truncates `text` past this. */
  fallbackText: 40_000,
  /**
   * Not documented: chat.postMessage answers msg_blocks_too_long at about 13,000 characters of
   * block text (bolt-js#2509). We stay under 12,000 to keep a margin.
   */
  blockCharacters: 12_000,
} as const;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Discord trims leading and trailing whitespace before counting. */
function discordLength(v: unknown): number {
  return typeof v === 'string' ? v.trim().length : 0;
}

function checkString(out: string[], where: string, v: unknown, max: number, required = false): number {
  if (v === undefined || v === null) {
    if (required) out.push(`${where} is missing`);
    return 0;
  }
  if (typeof v !== 'string') {
    out.push(`${where} is not a string`);
    return 0;
  }
  const n = discordLength(v);
  if (required && n === 0) out.push(`${where} is empty`);
  if (n > max) out.push(`${where} has ${n} characters (limit ${max})`);
  return n;
}

/** Every Discord limit the message breaks, in words; empty when it may be posted. */
export function discordMessageViolations(msg: unknown): string[] {
  const out: string[] = [];
  if (!isObject(msg)) return ['message is not an object'];
  const L = DISCORD_LIMITS;

  const contentLength = checkString(out, 'content', msg.content, L.content);
  const embeds = msg.embeds;
  if (embeds !== undefined && !Array.isArray(embeds)) out.push('embeds is not an array');
  const list = Array.isArray(embeds) ? embeds : [];
  if (list.length > L.embedsPerMessage) out.push(`embeds has ${list.length} embeds (limit ${L.embedsPerMessage})`);
  if (contentLength === 0 && list.length === 0) out.push('message has neither content nor embeds');

  let total = 0;
  list.forEach((embed, i) => {
    const at = `embeds[${i}]`;
    if (!isObject(embed)) {
      out.push(`${at} is not an object`);
      return;
    }
    let size = 0;
    size += checkString(out, `${at}.title`, embed.title, L.title);
    size += checkString(out, `${at}.description`, embed.description, L.description);
    if (embed.fields !== undefined) {
      if (!Array.isArray(embed.fields)) out.push(`${at}.fields is not an array`);
      else {
        if (embed.fields.length > L.fields) out.push(`${at}.fields has ${embed.fields.length} fields (limit ${L.fields})`);
        embed.fields.forEach((field, j) => {
          if (!isObject(field)) {
            out.push(`${at}.fields[${j}] is not an object`);
            return;
          }
          size += checkString(out, `${at}.fields[${j}].name`, field.name, L.fieldName, true);
          size += checkString(out, `${at}.fields[${j}].value`, field.value, L.fieldValue, true);
        });
      }
    }
    if (embed.footer !== undefined) {
      if (!isObject(embed.footer)) out.push(`${at}.footer is not an object`);
      else size += checkString(out, `${at}.footer.text`, embed.footer.text, L.footerText, true);
    }
    if (embed.author !== undefined) {
      if (!isObject(embed.author)) out.push(`${at}.author is not an object`);
      else size += checkString(out, `${at}.author.name`, embed.author.name, L.authorName, true);
    }
    total += size;
  });
  if (total > L.embedCharacters) out.push(`embeds hold ${total} characters in all (limit ${L.embedCharacters})`);

  const mentions = msg.allowed_mentions;
  if (mentions !== undefined) {
    if (!isObject(mentions)) out.push('allowed_mentions is not an object');
    else {
      const parse = Array.isArray(mentions.parse) ? mentions.parse : [];
      for (const kind of ['users', 'roles'] as const) {
        if (parse.includes(kind) && mentions[kind] !== undefined) out.push(`allowed_mentions has both parse "${kind}" and a ${kind} list`);
      }
      if (Array.isArray(mentions.users) && mentions.users.length > 100) out.push('allowed_mentions.users has more than 100 ids');
      if (Array.isArray(mentions.roles) && mentions.roles.length > 100) out.push('allowed_mentions.roles has more than 100 ids');
    }
  }
  return out;
}

function textOf(v: unknown): { type: unknown; text: string } | null {
  if (!isObject(v) || typeof v.text !== 'string') return null;
  return { type: v.type, text: v.text };
}

function checkTextObject(out: string[], where: string, v: unknown, max: number, plainOnly = false): number {
  const t = textOf(v);
  if (!t) {
    out.push(`${where} is not a text object`);
    return 0;
  }
  if (t.type !== 'plain_text' && (plainOnly || t.type !== 'mrkdwn')) out.push(`${where}.type must be ${plainOnly ? '"plain_text"' : '"plain_text" or "mrkdwn"'}`);
  if (t.text.length === 0) out.push(`${where}.text is empty`);
  if (t.text.length > max) out.push(`${where}.text has ${t.text.length} characters (limit ${max})`);
  return t.text.length;
}

/**
 * Every Slack limit the message breaks, in words; empty when it may be posted. Stricter than Slack in
 * one point: a message with blocks must carry a `text` fallback (Slack only warns), since without it
 * notifications and screen readers show nothing.
 */
export function slackMessageViolations(msg: unknown): string[] {
  const out: string[] = [];
  if (!isObject(msg)) return ['message is not an object'];
  const L = SLACK_LIMITS;

  if (msg.text !== undefined && typeof msg.text !== 'string') out.push('text is not a string');
  const text = typeof msg.text === 'string' ? msg.text : '';
  if (text.length > L.fallbackText) out.push(`text has ${text.length} characters (limit ${L.fallbackText})`);
  if (msg.blocks !== undefined && !Array.isArray(msg.blocks)) out.push('blocks is not an array');
  const blocks = Array.isArray(msg.blocks) ? msg.blocks : [];
  if (text.trim() === '' && blocks.length === 0) out.push('message has neither text nor blocks');
  if (blocks.length > 0 && text.trim() === '') out.push('text (the notification fallback) is empty');
  if (blocks.length > L.blocksPerMessage) out.push(`blocks has ${blocks.length} blocks (limit ${L.blocksPerMessage})`);

  let total = 0;
  blocks.forEach((block, i) => {
    const at = `blocks[${i}]`;
    if (!isObject(block)) {
      out.push(`${at} is not an object`);
      return;
    }
    if (block.block_id !== undefined && (typeof block.block_id !== 'string' || block.block_id.length > L.blockId)) {
      out.push(`${at}.block_id is longer than ${L.blockId} characters or not a string`);
    }
    switch (block.type) {
      case 'header':
        total += checkTextObject(out, `${at}.text`, block.text, L.headerText, true);
        break;
      case 'section': {
        if (block.text === undefined && block.fields === undefined) out.push(`${at} has neither text nor fields`);
        if (block.text !== undefined) total += checkTextObject(out, `${at}.text`, block.text, L.sectionText);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) out.push(`${at}.fields is not an array`);
          else {
            if (block.fields.length > L.sectionFields) out.push(`${at}.fields has ${block.fields.length} fields (limit ${L.sectionFields})`);
            block.fields.forEach((f, j) => (total += checkTextObject(out, `${at}.fields[${j}]`, f, L.sectionFieldText)));
          }
        }
        break;
      }
      case 'context': {
        if (!Array.isArray(block.elements) || block.elements.length === 0) out.push(`${at}.elements is missing or empty`);
        else {
          if (block.elements.length > L.contextElements) out.push(`${at}.elements has ${block.elements.length} elements (limit ${L.contextElements})`);
          block.elements.forEach((e, j) => (total += checkTextObject(out, `${at}.elements[${j}]`, e, L.contextElementText)));
        }
        break;
      }
      case 'divider':
        break;
      default:
        // Other block types (image, actions, rich_text, ...) are not used by the digest; only their type is checked.
        if (typeof block.type !== 'string' || block.type === '') out.push(`${at}.type is missing`);
    }
  });
  if (total > L.blockCharacters) out.push(`blocks hold ${total} characters of text in all (limit ${L.blockCharacters})`);
  return out;
}
