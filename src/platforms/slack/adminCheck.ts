/**
 * Who may run admin commands on Slack. Slack has no per-command permissions, so it is workspace
 * admins and owners (users.info) and the user ids listed in config `slack.adminUserIds`. Answers are
 * cached briefly: a burst of commands costs one lookup, and a demoted admin loses access within a minute.
 */
import type { Logger } from '../../observability/logger.js';

/** What users.info says about a user (only the fields we read). */
export interface SlackUserInfo {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  deleted?: boolean;
}

export interface AdminCheckOptions {
  /** users.info for one user id (the Web API call). */
  lookupUser: (userId: string) => Promise<SlackUserInfo | undefined>;
  adminUserIds: readonly string[];
  logger: Logger;
  ttlMs?: number;
  now?: () => number;
}

export type AdminCheck = (userId: string) => Promise<boolean>;

export function createAdminCheck(options: AdminCheckOptions): AdminCheck {
  const listed = new Set(options.adminUserIds);
  const ttl = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { admin: boolean; expires: number }>();

  return async (userId) => {
    if (listed.has(userId)) return true;
    const hit = cache.get(userId);
    if (hit && hit.expires > now()) return hit.admin;
    let admin = false;
    try {
      const user = await options.lookupUser(userId);
      admin = !!user && !user.deleted && !!(user.is_admin || user.is_owner || user.is_primary_owner);
    } catch (err) {
      // Fail closed, and do not cache: the next command asks again.
      options.logger.warn({ err, userId }, 'users.info failed; treating the user as not an admin');
      return false;
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(userId, { admin, expires: now() + ttl });
    return admin;
  };
}
