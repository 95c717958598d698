/** The question-understanding rules as they stand in config (`answers:` in config/default.yaml). */
import { z } from 'zod';

export const AnswerRulesSchema = z.object({
  measures: z
    .array(
      z.object({
        /** Shown to readers: "total aid". */
        name: z.string().min(1),
        category: z.string().min(1),
        /** true: the latest running total; false: the newest single figure (e.g. latest package). */
        cumulative: z.boolean().optional(),
        unit: z.string().optional(),
        /** Words and phrases in a question that point at this measure. */
        phrases: z.array(z.string().min(1)).min(1),
      }),
    )
    .default([]),
});

export type AnswerRules = z.infer<typeof AnswerRulesSchema>;
