/** Autocomplete in both receiving modes: the shared runner gives the choices for the focused option. */
import type { Choice } from '../../commands/command.js';
import type { CommandRunner } from '../../commands/handleCommand.js';
import type { Logger } from '../../observability/logger.js';
import { toInvocation, type DiscordCommandCall } from './invocation.js';

/** Discord shows at most 25 choices, each name and value 1-100 characters. */
const MAX_CHOICES = 25;

export async function suggestionsFor(call: DiscordCommandCall, runCommand: CommandRunner, logger: Logger): Promise<Choice[]> {
  try {
    const reply = await runCommand(toInvocation(call));
    return (reply.choices ?? []).filter((c) => c.name.length >= 1 && c.name.length <= 100 && c.value.length >= 1 && c.value.length <= 100).slice(0, MAX_CHOICES);
  } catch (err) {
    // No suggestions is a fine answer: the user can still type the whole question.
    logger.warn({ err, command: call.command }, 'discord autocomplete failed');
    return [];
  }
}
