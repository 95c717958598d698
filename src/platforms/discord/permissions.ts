/** Discord permission bits we read. Permissions arrive as decimal strings that exceed 2^53: BigInt. */

export const ADMINISTRATOR = 1n << 3n;
export const MANAGE_GUILD = 1n << 5n;

/**
 * Whether a member may change the channel's digest setup: MANAGE_GUILD, or ADMINISTRATOR (which
 * implies every permission). `permissions` is the member's total in the channel as the interaction
 * carries it; null (a DM, no member) is never an admin. A malformed value is not trusted.
 */
export function canManageGuild(permissions: string | null | undefined): boolean {
  if (typeof permissions !== 'string' || !/^\d{1,40}$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & (MANAGE_GUILD | ADMINISTRATOR)) !== 0n;
}
