/**
 * Block Kit limits as Slack enforces them on chat.postMessage (invalid_blocks). The fake refuses what
 * Slack refuses, with Slack's style of "[ERROR] ... [json-pointer:...]" messages, so a renderer that
 * passes here fits a real workspace.
 */

export const BLOCK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  blockId: 255,
  imageUrl: 3000,
  imageAltText: 2000,
  markdownBlockText: 12_000,
  actionsElements: 25,
  /**
   * Sum of all text in a message's blocks; beyond it chat.postMessage answers msg_blocks_too_long.
   * Undocumented: Slack staff gave "12,000 text characters" (bolt-js#2509, #2867).
   */
  blockTextTotal: 12_000,
  /** chat.postMessage `text` beyond this is msg_too_long. */
  messageText: 40_000,
} as const;

const BLOCK_TYPES = new Set(['section', 'header', 'divider', 'context', 'image', 'actions', 'rich_text', 'markdown', 'file', 'video', 'input']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem with the blocks of one message; empty when Slack would accept them. */
export function blockProblems(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return ['[ERROR] must be an array [json-pointer:/blocks]'];
  const problems: string[] = [];
  if (blocks.length > BLOCK_LIMITS.blocksPerMessage) {
    problems.push(`[ERROR] no more than ${BLOCK_LIMITS.blocksPerMessage} items allowed [json-pointer:/blocks]`);
  }
  blocks.forEach((block, i) => problems.push(...blockProblemsAt(block, `/blocks/${i}`)));
  return problems;
}

function blockProblemsAt(block: unknown, at: string): string[] {
  if (!isObject(block)) return [`[ERROR] must be an object [json-pointer:${at}]`];
  const problems: string[] = [];
  const type = block.type;
  if (typeof type !== 'string' || !BLOCK_TYPES.has(type)) return [`[ERROR] unsupported type: ${String(type)} [json-pointer:${at}/type]`];
  if (block.block_id !== undefined && (typeof block.block_id !== 'string' || block.block_id.length > BLOCK_LIMITS.blockId)) {
    problems.push(`[ERROR] must be a string of at most ${BLOCK_LIMITS.blockId} characters [json-pointer:${at}/block_id]`);
  }
  switch (type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) problems.push(`[ERROR] must provide either text or fields [json-pointer:${at}]`);
      if (block.text !== undefined) problems.push(...textProblems(block.text, `${at}/text`, BLOCK_LIMITS.sectionText));
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0) problems.push(`[ERROR] must be a non-empty array [json-pointer:${at}/fields]`);
        else {
          if (block.fields.length > BLOCK_LIMITS.sectionFields) problems.push(`[ERROR] no more than ${BLOCK_LIMITS.sectionFields} items allowed [json-pointer:${at}/fields]`);
          block.fields.forEach((f, j) => problems.push(...textProblems(f, `${at}/fields/${j}`, BLOCK_LIMITS.sectionFieldText)));
        }
      }
      break;
    }
    case 'header':
      problems.push(...textProblems(block.text, `${at}/text`, BLOCK_LIMITS.headerText, 'plain_text'));
      break;
    case 'context': {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0) problems.push(`[ERROR] must be a non-empty array [json-pointer:${at}/elements]`);
      else {
        if (elements.length > BLOCK_LIMITS.contextElements) problems.push(`[ERROR] no more than ${BLOCK_LIMITS.contextElements} items allowed [json-pointer:${at}/elements]`);
        elements.forEach((e, j) => {
          if (isObject(e) && e.type === 'image') problems.push(...imageProblems(e, `${at}/elements/${j}`));
          else problems.push(...textProblems(e, `${at}/elements/${j}`, BLOCK_LIMITS.sectionText));
        });
      }
      break;
    }
    case 'divider':
      break;
    case 'image':
      problems.push(...imageProblems(block, at));
      break;
    case 'markdown':
      if (typeof block.text !== 'string' || block.text.length === 0 || block.text.length > BLOCK_LIMITS.markdownBlockText) {
        problems.push(`[ERROR] must be a string of 1 to ${BLOCK_LIMITS.markdownBlockText} characters [json-pointer:${at}/text]`);
      }
      break;
    case 'actions':
      if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > BLOCK_LIMITS.actionsElements) {
        problems.push(`[ERROR] must have 1 to ${BLOCK_LIMITS.actionsElements} elements [json-pointer:${at}/elements]`);
      }
      break;
    default:
      break;
  }
  return problems;
}

function textProblems(text: unknown, at: string, max: number, onlyType?: 'plain_text'): string[] {
  if (!isObject(text)) return [`[ERROR] must be a text object [json-pointer:${at}]`];
  if (text.type !== 'plain_text' && text.type !== 'mrkdwn') return [`[ERROR] must be plain_text or mrkdwn [json-pointer:${at}/type]`];
  if (onlyType && text.type !== onlyType) return [`[ERROR] must be ${onlyType} [json-pointer:${at}/type]`];
  if (typeof text.text !== 'string' || text.text.length === 0) return [`[ERROR] must be more than 0 characters [json-pointer:${at}/text]`];
  if (text.text.length > max) return [`[ERROR] must be less than ${max + 1} characters [json-pointer:${at}/text]`];
  if (text.emoji !== undefined && text.type !== 'plain_text') return [`[ERROR] emoji is only allowed on plain_text [json-pointer:${at}/emoji]`];
  return [];
}

function imageProblems(image: Json, at: string): string[] {
  const problems: string[] = [];
  if (typeof image.image_url !== 'string' || image.image_url.length === 0 || image.image_url.length > BLOCK_LIMITS.imageUrl) {
    if (!isObject(image.slack_file)) problems.push(`[ERROR] must provide image_url (at most ${BLOCK_LIMITS.imageUrl} characters) or slack_file [json-pointer:${at}/image_url]`);
  }
  if (typeof image.alt_text !== 'string' || image.alt_text.length === 0 || image.alt_text.length > BLOCK_LIMITS.imageAltText) {
    problems.push(`[ERROR] alt_text must be 1 to ${BLOCK_LIMITS.imageAltText} characters [json-pointer:${at}/alt_text]`);
  }
  return problems;
}

/** Characters of text in the blocks: every `text` string anywhere in the tree (how Slack's cap is reported to count). */
export function blockTextLength(blocks: unknown): number {
  let total = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') total += value.length;
        else walk(value);
      }
    }
  };
  walk(blocks);
  return total;
}
