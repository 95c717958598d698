/** An alert message in the form its channel's platform posts: the payload the outbox keeps. */
import type { Platform } from '../../store/store.js';
import type { AlertMessage } from '../alertMessage.js';
import { renderAlertDiscord } from './discord.js';
import { renderAlertSlack } from './slack.js';
import { renderAlertText } from './text.js';

export function renderAlert(platform: Platform, m: AlertMessage): unknown[] {
  switch (platform) {
    case 'discord':
      return [renderAlertDiscord(m)];
    case 'slack':
      return [renderAlertSlack(m)];
    case 'console':
      return [renderAlertText(m)];
  }
}
