/**
 * What a reader sees as the name of a figure: "Total aid (United States)", "Countries in the
 * coalition", "Aid proposed, not yet given (United States)". One naming scheme for digests,
 * `/figures`, answers and charts, driven by `labels:` in config: the first rule whose conditions
 * all fit the figure names it. A proposed (asked-for, stalled) figure always says "proposed", so a
 * reader never takes it for aid given, whatever the rules say.
 */
import { z } from 'zod';
import { EVENTS, STATUSES, type FigureEvent, type FigureStatus } from '../figures/figure.js';

export const FigureLabelRuleSchema = z.object({
  category: z.string().min(1),
  /** "money" (any currency code), or a unit as figures carry it ("count", "ordinal", "USD"). */
  unit: z.string().min(1).optional(),
  cumulative: z.boolean().optional(),
  status: z.enum(STATUSES).optional(),
  event: z.enum(EVENTS).optional(),
  actor: z.string().min(1).optional(),
  /** The name; "{actor}" stands for the figure's actor, and " ({actor})" drops when it has none. */
  label: z.string().min(1),
});

export const FigureLabelRulesSchema = z.array(FigureLabelRuleSchema).default([]);

export type FigureLabelRule = z.infer<typeof FigureLabelRuleSchema>;

/** What naming a figure looks at. */
export interface LabelledFigure {
  category: string;
  actor: string | null;
  unit: string;
  cumulative: boolean;
  status?: FigureStatus | null;
  event?: FigureEvent | null;
}

const isMoney = (unit: string): boolean => /^[A-Z]{3}$/.test(unit);

function fits(rule: FigureLabelRule, f: LabelledFigure): boolean {
  if (rule.category !== f.category) return false;
  if (rule.unit !== undefined && !(rule.unit === 'money' ? isMoney(f.unit) : rule.unit === f.unit)) return false;
  if (rule.cumulative !== undefined && rule.cumulative !== f.cumulative) return false;
  if (rule.status !== undefined && rule.status !== (f.status ?? null)) return false;
  if (rule.event !== undefined && rule.event !== (f.event ?? null)) return false;
  if (rule.actor !== undefined && rule.actor !== f.actor) return false;
  return true;
}

function fill(template: string, actor: string | null): string {
  const named = actor === null ? template.replace(/\s*\(\{actor\}\)/g, '').replace(/\{actor\}/g, '') : template.replace(/\{actor\}/g, actor);
  return named.replace(/\s+/g, ' ').trim();
}

/** The index of the rule that names the figure (the first that fits), or -1. */
export function namingRule(f: LabelledFigure, rules: readonly FigureLabelRule[]): number {
  return rules.findIndex((r) => fits(r, f));
}

/** "aid_package" → "Aid package". */
export function humanizeCategory(category: string): string {
  const words = category.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (words === '') return 'Figure';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The figure's name by the first fitting rule; without one, `fallback` (an answer's measure name)
 * or the category in words, with the actor in brackets: "Containers (North Korea)".
 */
export function figureLabel(f: LabelledFigure, rules: readonly FigureLabelRule[], fallback?: string): string {
  const rule = rules[namingRule(f, rules)];
  const label = rule ? fill(rule.label, f.actor) : (fallback ?? fill(`${humanizeCategory(f.category)} ({actor})`, f.actor));
  return f.status === 'proposed' && !/\bproposed\b/i.test(label) ? `${label}, proposed` : label;
}
