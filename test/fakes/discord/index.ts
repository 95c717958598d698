export * from './fakeDiscord.js';
export { LIMITS, checkMessageBody, embedLength } from './messageLimits.js';
export { pingsOf, type Pings } from './mentions.js';
export type { Fault } from './rateLimits.js';
