/**
 * The figure rules as they stand in config (`figures:` in config/default.yaml). The extractor is
 * driven entirely by these: a new beat is a config change, not a code change.
 */
import { z } from 'zod';

export const FigureRulesSchema = z.object({
  categories: z
    .array(
      z.object({
        name: z.string().min(1),
        /** Words near a number that put it in this category ("aid", "tranche", "troops"). */
        triggers: z.array(z.string().min(1)).default([]),
        /** Units the category accepts; omit for any. */
        units: z.array(z.string()).optional(),
      }),
    )
    .min(1),
  actors: z.array(z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)).min(1) })).default([]),
  /** Phrases that make a figure a running total ("since February 2022", "to date"). */
  cumulativeMarkers: z.array(z.string().min(1)).default([]),
});

export type FigureRules = z.infer<typeof FigureRulesSchema>;
