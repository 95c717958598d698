/**
 * A simulated clock that several processes share: simulated time runs `speed` times faster than the
 * machine clock from a common origin, so replicas started at different moments still agree on "now"
 * (and the test can translate the real moment a request arrived into simulated time).
 */
export interface SimClockSpec {
  /** Machine time (ms) at which simulated time was `simOriginMs`. */
  realOriginMs: number;
  simOriginMs: number;
  /** Simulated milliseconds per real millisecond. */
  speed: number;
}

export function simTimeAt(spec: SimClockSpec, realMs: number): number {
  return spec.simOriginMs + (realMs - spec.realOriginMs) * spec.speed;
}

export function simNow(spec: SimClockSpec): () => Date {
  return () => new Date(simTimeAt(spec, Date.now()));
}

export function encodeSimClock(spec: SimClockSpec): string {
  return JSON.stringify(spec);
}

export function decodeSimClock(text: string): SimClockSpec {
  const spec = JSON.parse(text) as Partial<SimClockSpec>;
  for (const key of ['realOriginMs', 'simOriginMs', 'speed'] as const) {
    if (typeof spec[key] !== 'number' || !Number.isFinite(spec[key])) throw new Error(`simulated clock: ${key} must be a number`);
  }
  if (spec.speed! <= 0) throw new Error('simulated clock: speed must be positive');
  return spec as SimClockSpec;
}
