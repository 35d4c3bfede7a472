/**
 * The PEC flow of one provider, one folder per regulatory point (pec-spec §2.1; house style
 * principle 7). What is covered, and where:
 * - access-point/  punto di accesso, pec-spec §2.2: sender checks (step 1), formal checks (step 2,
 *   RFC 6109 §3.1.1), virus scan (step 3), classification (step 4), identificativo and Message-ID
 *   replacement (step 5, §6.1), one time reference (step 6, §6.2), acceptance receipt (§3.2) or
 *   non-acceptance notice (§3.3), transport envelope (§3.1), outbox jobs (step 8); DM 2/11/2005
 *   art. 12 limits (§6.5); decision 0004 (durable before `250`).
 * - delivery-point/ punto di consegna, pec-spec §2.4 for this provider's own domains (DM art. 6):
 *   envelope stored unchanged, delivery receipt completa / breve / sintetica (§3.5), non-delivery
 *   notice (§3.6), one notice per recipient (§6.6), Super Ricezione (over quota, grace after expiry).
 * - outbox/        the transactional outbox: job payloads and the leased, retrying worker;
 *   exactly-once effects per job (decision 0004).
 * - reception-point/ punto di ricezione, pec-spec §2.3, §8.4: signature, index, dates and SAN checks
 *   on the raw bytes; presa in carico (§3.4) and delivery of valid envelopes, receipts and notices
 *   filed and tracked, rilevazione virus (§3.8), anomaly envelopes (§3.9), ordinary-mail policies
 *   (§6.6), DSNs; decision 0007.
 * - relay/        delivery to other providers and the Internet (`relay-envelope`, `relay-message`
 *   jobs: routes, DNS MX, TLS policies, retries within the queue lifetime, DSNs); decision 0006.
 * The 12 h / 24 h timers (§3.7, §6.3) live in ../lifecycle/.
 */
export { createAccessPoint, SubmissionRefusedError } from './access-point/create-access-point.ts';
export type {
  AccessPointDependencies,
  AccessPointSettings,
} from './access-point/access-point-dependencies.ts';
export type {
  AccessPoint,
  RecipientCheckRefusal,
  SenderRefusal,
  Submission,
  SubmissionOutcome,
} from './access-point/access-point.ts';
export { createDeliverEnvelopeHandler } from './delivery-point/create-deliver-envelope-handler.ts';
export type {
  DeliveryPointDependencies,
  DeliveryPointSettings,
} from './delivery-point/delivery-point-dependencies.ts';
export { decideLocalDelivery, type LocalDeliveryDecision } from './delivery-point/decide-local-delivery.ts';
export {
  LeaseLostError,
  createOutboxWorker,
  retryDelayMs,
  type JobHandler,
  type JobRun,
  type OutboxWorker,
  type OutboxWorkerOptions,
  type RetryPolicy,
} from './outbox/create-outbox-worker.ts';
export {
  envelopeJobKinds,
  parseEnvelopeJobPayload,
  renderEnvelopeJobPayload,
  type EnvelopeJobPayload,
  type EnvelopeJobRecipient,
} from './outbox/envelope-jobs.ts';
export { createIdentifierSource, type IdentifierSource } from './create-identifier-source.ts';
export { createReceptionPoint } from './reception-point/create-reception-point.ts';
export type {
  QuarantineWriter,
  ReceptionPointDependencies,
  ReceptionPointSettings,
} from './reception-point/reception-point-dependencies.ts';
export type {
  Reception,
  ReceptionClass,
  ReceptionOutcome,
  ReceptionPoint,
} from './reception-point/reception-point.ts';
