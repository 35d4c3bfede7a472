/** The Clock port: every time reference comes from here, so tests can drive time (pec-spec §6.2). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
