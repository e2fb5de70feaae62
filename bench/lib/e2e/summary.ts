// The e2e scenario's figures (E2eResult) from the state of a finished run.

import type { E2eResult } from '../load.ts';
import type { E2eState } from './state.ts';

export function e2eResult(state: E2eState): E2eResult {
  const { job, e, callbacks, confirmations: c } = state;
  const sorted = Float64Array.from(c.lagsMs).sort();
  const events = Float64Array.from(c.confirmEventMs).sort();
  return {
    callbacksAccepted: callbacks.accepted,
    callbacksPerSecond: callbacks.accepted / job.measureSeconds,
    callbackErrors: callbacks.errors,
    callbackErrorsByKind: Object.fromEntries(callbacks.errorKinds),
    callbacksGivenUp: callbacks.givenUp,
    tracked: c.tracked,
    confirmed: c.lagsMs.length,
    unconfirmed: c.awaiting.size,
    lagDrainSeconds: e.lagDrainSeconds,
    lagMsP50: percentile(sorted, 50),
    lagMsP99: percentile(sorted, 99),
    lagMsMax: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] ?? 0),
    confirmEventMsP99: percentile(events, 99),
    afterCallbackMsP50: percentile(Float64Array.from(c.afterCallbackMs).sort(), 50),
    afterCallbackMsP99: percentile(Float64Array.from(c.afterCallbackMs).sort(), 99),
    pollMs: e.pollMs,
  };
}

/** Nearest-rank percentile of an ascending array; 0 when empty. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank] ?? 0);
}
