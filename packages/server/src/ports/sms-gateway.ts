/**
 * Port for sending one SMS through the provider's SMS gateway (decision 0028). The adapter says
 * whether the gateway took the message; retries and caps belong to the caller.
 */

export interface SmsMessage {
  /** E.164, e.g. `+393331234567`. */
  readonly to: string;
  readonly text: string;
}

export type SmsOutcome =
  | { readonly sent: true; readonly status: number }
  /** `status` is absent when the gateway was not reached (network error, timeout). */
  | { readonly sent: false; readonly status?: number; readonly problem: string };

export interface SmsGateway {
  send(message: SmsMessage): Promise<SmsOutcome>;
}
