/**
 * Who a message would ping, the way Discord decides it: mentions in `content` only (never embeds),
 * escaped ones (`\<@id>`, `@\u200beveryone`) are plain text, and allowed_mentions filters the rest.
 * Without allowed_mentions a normal message parses everything; interaction and webhook replies
 * parse users only.
 */

export interface Pings {
  everyone: boolean;
  users: string[];
  roles: string[];
}

type AllowedMentions = { parse?: string[]; users?: string[]; roles?: string[] } | undefined | null;

export function pingsOf(content: string | null | undefined, allowed: AllowedMentions, defaultParse: string[]): Pings {
  const text = content ?? '';
  const parse = allowed ? (allowed.parse ?? []) : defaultParse;
  const explicitUsers = allowed?.users ?? [];
  const explicitRoles = allowed?.roles ?? [];
  const unescaped = (re: RegExp): string[] => [...text.matchAll(re)].filter((m) => m.index === 0 || text[m.index - 1] !== '\\').map((m) => m[1]!);
  const users = unescaped(/<@!?(\d{1,20})>/g).filter((id) => parse.includes('users') || explicitUsers.includes(id));
  const roles = unescaped(/<@&(\d{1,20})>/g).filter((id) => parse.includes('roles') || explicitRoles.includes(id));
  const everyone = parse.includes('everyone') && unescaped(/@(everyone|here)\b/g).length > 0;
  return { everyone, users: [...new Set(users)], roles: [...new Set(roles)] };
}
