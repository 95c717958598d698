/**
 * Discord's checks on a bulk overwrite of application commands (application-commands.mdx): names
 * 1-32 lowercase word characters, descriptions 1-100, ≤ 25 options, option types 1-11, required
 * options before optional ones, unique names, subcommands only at the top, ≤ 100 commands.
 */
import { FormErrors, type ApiError } from './formErrors.js';

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMANDS = 100;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkNameAndDescription(errors: FormErrors, path: Array<string | number>, item: Json): void {
  if (typeof item.name !== 'string' || !NAME.test(item.name)) errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  const d = item.description;
  if (typeof d !== 'string' || d.length < 1 || d.length > 100) errors.add([...path, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
}

function checkOptions(errors: FormErrors, path: Array<string | number>, options: unknown, depth: number): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) return errors.add(path, 'BASE_TYPE_LIST', 'Must be a list.');
  if (options.length > MAX_OPTIONS) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_OPTIONS} or fewer in length.`);
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((option: unknown, i) => {
    const at = [...path, i];
    if (!isObject(option)) return errors.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    checkNameAndDescription(errors, at, option);
    if (typeof option.name === 'string') {
      if (names.has(option.name)) errors.add([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option name already exists');
      names.add(option.name);
    }
    const type = option.type;
    if (!Number.isInteger(type) || (type as number) < 1 || (type as number) > 11) return errors.add([...at, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, ..., 11}.');
    const isSub = type === SUB_COMMAND || type === SUB_COMMAND_GROUP;
    if (isSub) {
      // A subcommand sits at the top, or inside a group; a group only at the top.
      if (depth > 1 || (type === SUB_COMMAND_GROUP && depth > 0)) errors.add([...at, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-command and sub-command group option types are mutually exclusive to all other types');
      checkOptions(errors, [...at, 'options'], option.options, depth + 1);
      return;
    }
    if (option.required === true && sawOptional) errors.add([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    if (option.required !== true) sawOptional = true;
    if (Array.isArray(option.choices) && option.choices.length > MAX_CHOICES) errors.add([...at, 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_CHOICES} or fewer in length.`);
    if (option.autocomplete === true && Array.isArray(option.choices) && option.choices.length > 0) errors.add([...at, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES', 'Autocomplete may not be set to true if choices are present.');
  });
  const kinds = options.filter(isObject).map((o) => o.type === SUB_COMMAND || o.type === SUB_COMMAND_GROUP);
  if (kinds.includes(true) && kinds.includes(false)) errors.add(path, 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-command and sub-command group option types are mutually exclusive to all other types');
}

export function checkCommandList(body: unknown): ApiError | null {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], 'BASE_TYPE_LIST', 'Must be a list.');
    return { status: 400, body: errors.body() };
  }
  if (body.length > MAX_COMMANDS) errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_COMMANDS} or fewer in length.`);
  const names = new Set<string>();
  body.forEach((command: unknown, i) => {
    if (!isObject(command)) return errors.add([i], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    const type = command.type ?? 1;
    if (type !== 1) return; // only CHAT_INPUT commands are checked in detail
    checkNameAndDescription(errors, [i], command);
    if (typeof command.name === 'string') {
      if (names.has(command.name)) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
      names.add(command.name);
    }
    checkOptions(errors, [i, 'options'], command.options, 0);
    const dmp = command.default_member_permissions;
    if (dmp !== undefined && dmp !== null && (typeof dmp !== 'string' || !/^\d+$/.test(dmp))) errors.add([i, 'default_member_permissions'], 'BASE_TYPE_STRING', 'Must be a string of a permission bitfield.');
    if (command.contexts !== undefined && command.contexts !== null && (!Array.isArray(command.contexts) || command.contexts.some((c) => c !== 0 && c !== 1 && c !== 2))) {
      errors.add([i, 'contexts'], 'BASE_TYPE_CHOICES', 'Value must be one of {0, 1, 2}.');
    }
  });
  return errors.empty ? null : { status: 400, body: errors.body() };
}
