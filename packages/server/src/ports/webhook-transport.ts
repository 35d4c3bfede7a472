/**
 * Port for sending one webhook delivery: POST the body to the endpoint, signed with its secret;
 * answers the HTTP status, or throws when there was no answer (refused, timed out, TLS failure).
 */

export interface WebhookRequest {
  readonly url: string;
  /** `whsec_…` */
  readonly secret: string;
  /** The webhook-id. */
  readonly id: string;
  readonly at: Date;
  readonly body: string;
  readonly timeoutMs: number;
}

export interface WebhookTransport {
  send(request: WebhookRequest): Promise<{ readonly status: number }>;
}
