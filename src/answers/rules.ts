/**
 * The question-understanding rules as they stand in config (`answers:` in config/default.yaml).
 * Which figure a question asks for is decided by these rules alone, so a new beat is a config change.
 */
import { z } from 'zod';
import { EVENTS, STATUSES } from '../figures/figure.js';

const phrases = z.array(z.string().min(1));

export const MeasureSchema = z.object({
  /** Shown to readers: "total aid". */
  name: z.string().min(1),
  /** The figure category (see `figures.categories`). */
  category: z.string().min(1),
  /** true: only running totals; false: only single figures (a package, one attack); omit: either. */
  cumulative: z.boolean().optional(),
  /** Units the figure must have ("USD", "ordinal"); omit for any. */
  units: z.array(z.string().min(1)).optional(),
  /** Words and phrases in a question that point at this measure. Measures are tried in order: put the specific ones first. */
  phrases: phrases.min(1),
  /** The figure's sentence must contain one of these ("stalled", "stuck"). */
  require: phrases.default([]),
  /** The figure's sentence must contain none of these ("in training" is not "deployed"). */
  exclude: phrases.default([]),
  /** Among figures of one article, those whose quote or sentence has one of these come first. */
  prefer: phrases.default([]),
  /**
   * Whose figure it is. "agent": the side that gives, sends or launches (aid, troops, drones);
   * "victim": the side that was hit (killed, injured), so "Russian strike" names the attacker, not the actor.
   */
  actorRole: z.enum(['agent', 'victim']).default('agent'),
  /**
   * Does an actor naming the counted people belong to the figure? true for troops ("North Korean
   * troops" are North Korea's); false for training ("Ukrainian soldiers" are the trainees, so the
   * trainer is looked for first).
   */
  nounActor: z.boolean().default(true),
  /**
   * Where the money or equipment must stand ("proposed" for requests; "none": the text did not say). Omit: any
   * status the question asks for, and never a proposed figure unless the question asks for one.
   */
  statuses: z.array(z.enum([...STATUSES, 'none'])).optional(),
  /**
   * The phrases of this measure found in a question name what is counted ("Patriot systems",
   * "Abrams tanks"): the figure's sentence must hold one of them.
   */
  namesWhatIsCounted: z.boolean().default(false),
  /**
   * Of several figures in one article, the largest stands for it: a toll is the whole, the
   * "two of those killed" are its parts.
   */
  whole: z.boolean().default(false),
  /**
   * A running-total measure that may fall back to a single figure (a bill passed, a year's budget)
   * when no running total fits.
   */
  singleFallback: z.boolean().default(false),
  /** Another category tried when this one has no figure ("the EU support package" may be filed as aid). */
  fallbackCategory: z.string().min(1).optional(),
  /** A question that works for this measure, shown when nothing fits; {actor} is filled in. */
  example: z.string().min(1).optional(),
  /** Topic ids (see `topics`) this measure belongs to, for `/figures <topic>`. */
  topics: z.array(z.string().min(1)).default([]),
});

export const AnswerRulesSchema = z.object({
  measures: z.array(MeasureSchema).default([]),
  /** Extra ways questions name actors, on top of `figures.actors` ("the US and its partners" → Allies). */
  actorAliases: z.array(z.object({ name: z.string().min(1), aliases: phrases.min(1) })).default([]),
  /**
   * Names of groups ("Europe", "the contact group") and the actors the figures carry for them: the
   * group's own figure answers when there is one, else each member's own figure is listed (never summed).
   */
  actorGroups: z.array(z.object({ name: z.string().min(1), members: phrases.min(1) })).default([]),
  /**
   * Words that ask for a figure ("how many", "number of"): followed by what is counted ("how many
   * refugees"), the question is clear even when no measure names it, so the reply says none is held.
   */
  figureCues: phrases.default([]),
  /** Words before an actor that leave it out ("other than the US", "not the US", "except"). */
  excludeCues: phrases.default([]),
  /** Words in a question that ask where figures stand: "pledged" → pledged, "delivered" → delivered. Tried in order. */
  statuses: z.array(z.object({ status: z.enum(STATUSES), phrases: phrases.min(1) })).default([]),
  /** Words that ask for one unit ("in pounds" → GBP). */
  units: z.array(z.object({ unit: z.string().min(1), phrases: phrases.min(1) })).default([]),
  /**
   * Relative times ("last night", "this week"): how many days back the frame starts (0: the as-of
   * day). An answer older than the frame says so with its date; it is never hidden.
   */
  recentFrames: z.array(z.object({ days: z.number().int().min(0).max(31), phrases: phrases.min(1) })).default([]),
  time: z
    .object({
      /** The question wants the largest figure in the history ("biggest attack so far"). */
      largest: phrases.default([]),
      /** The question asks for a plan or a target ("plan to train"): not a running total. */
      target: phrases.default([]),
      /** A perfect tense ("has trained", "have given"): a running total where both are reported. */
      perfect: phrases.default([]),
      /** The question wants a running total: "to date", "so far", "in total". */
      cumulative: phrases.default(['to date', 'so far', 'in total', 'total', 'altogether', 'overall', 'cumulative', 'all told', 'since']),
      /** The question wants the newest figure: "latest", "last", "most recent". */
      latest: phrases.default(['latest', 'last', 'most recent', 'newest', 'recent', 'current', 'currently', 'now']),
    })
    .prefault({}),
  /** Words before an actor that make it the receiver ("aid to Ukraine", "has the US given Ukraine"). */
  receiverCues: phrases.default([]),
  /** Words right after an actor that make it the attacker ("Russian missile strike"). */
  attackWords: phrases.default([]),
  /** Nouns for people counted ("soldiers", "troops"): an actor right before one names whose people they are. */
  peopleNouns: phrases.default([]),
  /** Capitalized words that never narrow a question down to a place or a name ("I", "Please"). */
  ignoreWords: phrases.default([]),
  /**
   * The periods running totals are counted over, by the words that name them: a total "since the
   * invasion" and one "since 2014" are two series. `since` is a YYYY, YYYY-MM or YYYY-MM-DD start, or
   * a label; `phrases` are how questions and reports name it (lower case).
   */
  seriesPeriods: z.array(z.object({ since: z.string().min(1), phrases: phrases.min(1) })).default([]),
  /**
   * Words that ask for figures of one event (drones and missiles): "shot down" is not "launched".
   * Tried in order; the first event with a phrase in the question is asked for.
   */
  events: z.array(z.object({ event: z.enum(EVENTS), phrases: phrases.min(1) })).default([]),
  /** Earlier values shown with an answer. */
  historyLimit: z.number().int().min(0).max(50).default(5),
  /**
   * Figures read at most per look-up when filters (sentence words, names in the question) reject
   * the newest ones: bounds the time of an answer; older reports are then not looked at, and a
   * "no report mentions X" answer says it only looked at the latest ones.
   */
  scanLimit: z.number().int().min(100).max(1_000_000).default(1000),
});

export type AnswerRules = z.infer<typeof AnswerRulesSchema>;
export type Measure = z.infer<typeof MeasureSchema>;
