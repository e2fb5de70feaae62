// The clock every use case and role reads time from (injected, so tests can move it).

export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };
