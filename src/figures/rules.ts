/**
 * The figure rules as they stand in config (`figures:` in config/default.yaml). The extractor is
 * driven entirely by these: a new beat is a config change, not a code change. Code holds the
 * grammar (how numbers, hedges and dates are written); config holds the beat (what is counted,
 * who the actors are, which words mark a running total).
 */
import { z } from 'zod';
import { STATUSES } from './figure.js';

export const ActorRoles = ['agent', 'launcher', 'victim'] as const;

const CategorySchema = z.object({
  name: z.string().min(1),
  /**
   * The category written on the figure, when several rules share one: people missing or held
   * hostage and countries taking part are both `other`, but only the countries default to Allies.
   */
  as: z.string().min(1).optional(),
  /** Words near a number that put it in this category ("aid", "tranche", "troops"). Plurals are matched automatically. */
  triggers: z.array(z.string().min(1)).default([]),
  /** Units the category accepts ("USD", "count", "ordinal"; "money" = any currency); omit for any. */
  units: z.array(z.string()).optional(),
  /** The category counts people: "15 civilians" or "2,000 soldiers" may belong to it. */
  people: z.boolean().default(false),
  /**
   * Whose figure it is: `agent` = who gave, sent or trained (the clause's subject); `launcher` = whose
   * drones or missiles ("Russian drones"), even when the figure counts shoot-downs; `victim` = the side
   * whose people were hit (the place or nationality of the people, never the attacker).
   */
  actorRole: z.enum(ActorRoles).default('agent'),
  /** An actor named in the counted noun ("12 Russian drones") is the figure's actor; false when that noun is the receiving side ("118,000 Ukrainians" trained). */
  nounActor: z.boolean().default(true),
  /** false: only an actor named in the figure's own sentence counts; none is carried over from earlier figures or sentences. */
  carryActor: z.boolean().default(true),
  /** Actors never the figure's actor for this category: the beat's recipient gives no aid ("delivering Ukraine 30 jets"). */
  neverActors: z.array(z.string().min(1)).default([]),
  /** Actor when the text names none ("about 50 countries" → Allies). */
  defaultActor: z.string().min(1).optional(),
  /** Categories whose counted noun this category's predicate takes over: "600 troops have been killed" is a casualty figure. */
  overrides: z.array(z.string()).default([]),
  /** Categories whose counted noun this category's verb takes over when it stands right before the number: "trained 60,000 troops" counts trainees. */
  takesObject: z.array(z.string()).default([]),
  /** false: never a running total (a count of participating countries is a snapshot). */
  cumulative: z.boolean().optional(),
  /** Money and equipment: the figure carries a status (proposed, pledged, delivered) read from statusWords. */
  status: z.boolean().default(false),
  /** Status when no status word stands in the sentence (a package announced is pledged); omit for null. */
  defaultStatus: z.enum(STATUSES).optional(),
  /**
   * Words that move a figure of the `from` categories into this one, unless it is a running total:
   * "announced $100 million in aid", "an additional $500 million of military aid" are one package.
   * Looked for in the figure's clause before the number and in its quote.
   */
  takesOver: z
    .object({
      from: z.array(z.string().min(1)).min(1),
      words: z.array(z.string().min(1)).min(1),
      /** Words in the clause after the number that keep the figure where it was: a budget line ("for this year", "annually"), a sum ("amounting to"). */
      unless: z.array(z.string().min(1)).default([]),
    })
    .optional(),
  /** Drones and missiles: the figure carries an event (launched, shot_down, hit) read from eventWords. */
  event: z.boolean().default(false),
  /**
   * Predicates that make a part of this kind's set a re-mention, not a figure: "Twenty-seven of the
   * dead had been identified" re-counts the toll ("two of those killed were children" still counts).
   */
  rementionWords: z.array(z.string().min(1)).default([]),
  /**
   * Drones or missiles given rather than fired: a figure of the `from` categories whose sentence has
   * one of `words` (a package, a pledge, a delivery) and no event word (launched, shot down, hit) is
   * this category's ("the package includes 2,000 anti-tank rockets", "Britain will supply 10,000 drones").
   */
  takesGiven: z.object({ from: z.array(z.string().min(1)).min(1), words: z.array(z.string().min(1)).min(1) }).optional(),
  /** Only when the actor named last before the figure is one of these ("Russia's military spending": a side's own money). */
  onlyFor: z.array(z.string().min(1)).default([]),
  /** Money "for" or "to" one of neverActors (the beat's recipient: "$37B for Ukraine") is this category's, with no other word. */
  moneyForRecipient: z.boolean().default(false),
  /**
   * A package voted on is a bill: a figure of the `from` categories in a sentence with one of `words`
   * (a chamber, a vote) and none of `unless` (an announcement, a drawdown) is this category's
   * ("members approved the $60.8bn package, already passed by the Senate").
   */
  takesBill: z.object({ from: z.array(z.string().min(1)).min(1), words: z.array(z.string().min(1)).min(1), unless: z.array(z.string().min(1)).default([]) }).optional(),
  /** Words right after the counted noun that make it a stock held, not a figure: "42 F-16s at its disposal", "300 tanks in storage". */
  heldWords: z.array(z.string().min(1)).default([]),
  /** The category of counts of two event kinds together ("120 missiles and drones"); at most one category sets it. */
  mixedEvents: z.boolean().default(false),
});

const wordList = z.array(z.string().min(1)).default([]);

export const FigureRulesSchema = z
  .object({
    /** In priority order: when a sentence names several kinds and the number is bound to none, the first wins. */
    categories: z.array(CategorySchema).min(1),
    actors: z.array(z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)).min(1) })).default([]),
    /** Phrases that make a figure a running total ("since February 2022", "to date"). */
    cumulativeMarkers: z.array(z.string().min(1)).default([]),
    /** Nouns that count people without saying which kind ("people", "civilians", "soldiers"); plural demonyms of actors ("Ukrainians") count too. */
    peopleNouns: z.array(z.string().min(1)).default([]),
    /** Words that, after an actor ("Russian missile attack"), mark that actor as the attacker, not the side hit. */
    attackWords: z.array(z.string().min(1)).default([]),
    /** Words around a money or equipment figure that say where it stands; the one nearest the figure wins. */
    statusWords: z.object({ proposed: wordList, pledged: wordList, delivered: wordList }).default({ proposed: [], pledged: [], delivered: [] }),
    /** Words of statusWords that name the thing (bill, request, pledge, delivery) rather than say what happened to it: a verb of the figure's clause beats them. */
    statusNouns: wordList,
    /** Words around a drone or missile count that say what happened to them; the one nearest the figure wins. */
    eventWords: z.object({ launched: wordList, shot_down: wordList, hit: wordList }).default({ launched: [], shot_down: [], hit: [] }),
    /** Nouns that count a kind named after "of" and take their number after "to" or "at": "the tally of Marders delivered to 120". */
    tallyNouns: wordList,
    /** Verbs before a tally noun that add to it, making the figure a running total: "takes the tally of ... to 120", "bringing the number of dead to 5,102". */
    tallyVerbs: wordList,
    /** Nouns a trigger may only modify: "two tank battalions" counts battalions, not tanks (plurals matched automatically). */
    groupNouns: wordList,
    /**
     * Words after an actor that make it a source reporting the figure, not its actor ("the US
     * government said", "US intelligence estimates", "the Pentagon has data on"); "according to X"
     * is a source too. Matched after the actor and any of its head nouns (actorNouns).
     */
    sourceWords: wordList,
    /** Nouns that may stand between an actor and its verb without changing who acts ("Russian forces attacked", "the US government said"). */
    actorNouns: wordList,
    /** Verbs whose object is the target, never the giver or launcher ("attacked Ukraine using 16 drones"). */
    targetVerbs: wordList,
    /** Verbs whose subject is the side hit ("Russia has sustained 100,000 casualties", "the army lost 20 soldiers"). */
    sufferWords: wordList,
    /** Nouns of the war itself: an actor before one is the attacker, not a giver ("the Russian invasion", "Russia's war"). */
    warNouns: wordList,
    /**
     * One event that kills, wounds or displaces ("the earthquake", "the strike on the market"): a
     * toll of it that has risen is still that event's, not a running total of a war. Singular forms
     * only: "Russian attacks have killed 500 civilians" adds up many.
     */
    singleEventNouns: wordList,
    /** Natural disasters: the people they kill, hurt or displace belong to no side of a war ("the earthquake that struck Myanmar"), so such figures carry no actor. */
    disasterNouns: wordList,
    /** Words that make the figure after them a part of the one just named ("100,000 casualties, including 20,000 killed"): it is a running total when that one is. */
    partWords: wordList,
    /** Several givers named together ("Denmark and the Netherlands", "from the UK, Canada and Japan") are this group; omit to keep the first named. */
    groupActor: z.string().min(1).optional(),
    /**
     * What money in an aid story may pay for instead ("covid-19", "fentanyl", "border security"):
     * named in the amount's own clause after it, or in a heading before it, the amount is no figure.
     */
    offTopicWords: wordList,
    /** Nouns a count may be glued to by a hyphen and still count them: "a 50-nation coalition" counts 50 nations. */
    countCompounds: wordList,
    /** Named events a running total may count from ("since the invasion began" → "2022-02"). */
    periodStarts: z.array(z.object({ phrases: z.array(z.string().min(1)).min(1), value: z.string().min(1) })).default([]),
  })
  .superRefine((rules, ctx) => {
    const names = new Set<string>();
    rules.categories.forEach((c, i) => {
      if (names.has(c.name)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'name'], message: `a unique category name (got "${c.name}" twice)` });
      names.add(c.name);
    });
    rules.categories.forEach((c, i) =>
      c.takesOver?.from.forEach((o, j) => {
        if (!names.has(o)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'takesOver', 'from', j], message: `a category name declared under figures.categories (got "${o}")` });
      }),
    );
    rules.categories.forEach((c, i) =>
      c.overrides.forEach((o, j) => {
        if (!names.has(o)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'overrides', j], message: `a category name declared under figures.categories (got "${o}")` });
      }),
    );
  });

export type FigureRules = z.infer<typeof FigureRulesSchema>;
export type FigureCategoryRule = FigureRules['categories'][number];
