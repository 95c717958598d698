/** How Slack signs what it sends to an app: v0= hex HMAC-SHA256(signing secret, `v0:{timestamp}:{body}`). */
import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}
