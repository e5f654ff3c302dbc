/** The default price of an E2B sandbox hour in US dollars (2 vCPU; set PARALLEL_CC_E2B_RATE_PER_HOUR for yours). */
export const DEFAULT_E2B_RATE_PER_HOUR = 0.1;

/** What a run of `ms` cost at `ratePerHour`, for the run's summary: rounded to the cent, never below 0. */
export function estimateCost(ms: number, ratePerHour = DEFAULT_E2B_RATE_PER_HOUR): { hours: number; ratePerHour: number; usd: number } {
  const hours = Math.max(0, ms) / 3_600_000;
  return { hours: Math.round(hours * 1000) / 1000, ratePerHour, usd: Math.round(hours * ratePerHour * 100) / 100 };
}
