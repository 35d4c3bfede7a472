/**
 * The one place where the HTTP adapter turns a refusal into a response: an RFC 9110 status and an
 * RFC 9457 problem details object (`application/problem+json`), `Retry-After` (RFC 9110 §10.2.3)
 * when the refusal is temporary and says when. The problem `type` is `urn:pec:refusal:<reason>`, a
 * stable identifier documented in docs/refusals.md; the refusal's facts travel as extension members.
 * Pure: the listener only sends what this returns. Decision 0008.
 */
import type { Refusal } from '../../services/refusal/refusal.ts';

/** RFC 9457 §3: the standard members plus the refusal's reason and facts as extensions. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly reason: Refusal['reason'] | RequestProblemReason;
  readonly [extension: string]: unknown;
}

export interface RefusalProblem {
  readonly status: number;
  /** `Content-Type: application/problem+json` and, for a temporary refusal, `Retry-After`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ProblemDetails;
}

/** RFC 9457 §8.1: the media type of every problem body. */
export const problemContentType = 'application/problem+json';

/** Prefix of every problem type URI of ours (RFC 9457 §3.1.1: an absolute URI that never changes). */
export const problemTypeBase = 'urn:pec:refusal:';

/** A refusal the type system says cannot exist. */
function unknownRefusal(refusal: never): never {
  throw new TypeError(`unknown refusal ${JSON.stringify(refusal)}`);
}

/** Status, title (the same for every instance of the reason) and detail (this instance). */
function statusTitleDetail(refusal: Refusal): [number, string, string] {
  switch (refusal.reason) {
    case 'authentication-required':
      return [401, 'Authentication required', 'Log in first.'];
    case 'encryption-required':
      return [403, 'Encryption required', 'Credentials are accepted only over TLS.'];
    case 'authentication-failed':
      return [401, 'Authentication failed', 'Wrong user name or password.'];
    case 'foreign-identity':
      return [403, 'Acting as another mailbox', 'Acting on behalf of another mailbox is not allowed.'];
    case 'too-many-failures':
      return [
        429,
        'Too many failed logins',
        'Too many failed logins for this address or mailbox; try again later.',
      ];
    case 'mailbox-disabled':
      return [403, 'Mailbox disabled', 'This mailbox is suspended or deactivated; contact the provider.'];
    case 'network-not-allowed':
      return [
        403,
        'Network not allowed',
        "Sign-in from this network is not on the mailbox's allow-list; change the list from an allowed network.",
      ];
    case 'too-many-connections':
      return [429, 'Too many connections', `Too many simultaneous sessions for this ${refusal.scope}.`];
    case 'mailbox-in-use':
      return [409, 'Mailbox in use', 'Another session holds this mailbox; try again later.'];
    case 'shutting-down':
      return [503, 'Shutting down', 'The service is stopping; try again later.'];
    case 'internal-error':
      return [500, 'Internal error', 'Nothing was done; try again later.'];
    case 'sender-not-holder':
      return [403, 'Sender is not the mailbox', `${refusal.sender} is not the authenticated mailbox.`];
    case 'sender-unknown':
      return [403, 'No PEC mailbox', 'There is no PEC mailbox for the authenticated user.'];
    case 'sending-disabled':
      return [
        403,
        'Sending disabled',
        `Sending is disabled: the mailbox is ${refusal.cause.replaceAll('-', ' ')}.`,
      ];
    case 'mailbox-expired':
      return [
        403,
        'Mailbox expired',
        `The mailbox expired on ${refusal.expiredOn}: it keeps receiving until ${refusal.receivesUntil} but ` +
          'cannot send. Renew it to send again.',
      ];
    case 'quota-exceeded':
      return refusal.operation === 'send'
        ? [403, 'Quota exceeded', 'The mailbox is over quota: sending is disabled, receiving continues.']
        : [507, 'Quota exceeded', 'The mailbox quota would be exceeded.'];
    case 'invalid-address':
      return [422, 'Invalid address', `${refusal.address} is not a valid address.`];
    case 'too-many-recipients':
      return [422, 'Too many recipients', `At most ${refusal.limit} recipients per message.`];
    case 'relay-denied':
      return [403, 'Relay denied', `${refusal.domain} is not a domain of this provider.`];
    case 'message-too-large':
      return [
        413,
        'Message too large',
        `The ${refusal.part} is larger than the limit of ${refusal.limitBytes} bytes.`,
      ];
    case 'line-too-long':
      return [422, 'Line too long', `A line is longer than ${refusal.limitOctets} octets.`];
    case 'message-incomplete':
      return [400, 'Message incomplete', 'The message did not arrive completely; send it again.'];
    case 'malformed-message':
      return [422, 'Message not accepted', refusal.problem];
    case 'virus-found':
      return [422, 'Virus found', `The antivirus found ${refusal.signature ?? 'a virus'}.`];
    case 'recipient-unknown':
      return [422, 'Unknown recipient', `No mailbox ${refusal.address} here.`];
    case 'certified-mail-only':
      return [422, 'Certified mail only', `${refusal.address} accepts only certified mail.`];
    case 'recipient-disabled':
      return [422, 'Recipient disabled', `The mailbox ${refusal.address} is suspended or deactivated.`];
    case 'refused-as-spam':
      return [422, 'Refused as spam', `The spam filter of ${refusal.address} refused the message.`];
    case 'all-recipients-refused':
      return [422, 'Every recipient refused', 'No recipient can take the message; see `refusals`.'];
    case 'no-such-folder':
      return [404, 'No such folder', `There is no folder ${refusal.folder}.`];
    case 'folder-exists':
      return [409, 'Folder exists', `The folder ${refusal.folder} already exists.`];
    case 'invalid-folder-name':
      return [422, 'Invalid folder name', refusal.problem];
    case 'folder-has-children':
      return [409, 'Folder has subfolders', `Delete the subfolders of ${refusal.folder} first.`];
    case 'folder-operation-refused':
      return [409, 'Operation refused', refusal.problem];
    case 'message-expunged':
      return [410, 'Message removed', 'The message no longer exists.'];
    default:
      return unknownRefusal(refusal);
  }
}

/** Seconds after which a temporary refusal may be retried, when the refusal or its nature says. */
function retryAfterSeconds(refusal: Refusal): number | undefined {
  if (refusal.reason === 'too-many-failures') return refusal.retryAfterSeconds;
  return undefined;
}

export function refusalProblem(refusal: Refusal): RefusalProblem {
  const [status, title, detail] = statusTitleDetail(refusal);
  const { reason, ...facts } = refusal;
  const retryAfter = retryAfterSeconds(refusal);
  return {
    status,
    headers: {
      'content-type': 'application/problem+json',
      ...(retryAfter === undefined ? {} : { 'retry-after': String(Math.ceil(retryAfter)) }),
    },
    body: { ...facts, type: `${problemTypeBase}${reason}`, title, status, detail, reason },
  };
}

/**
 * What the HTTP adapter itself refuses before any service sees the request: a state-changing
 * request without the `X-PEC-Request` header (CSRF defence, decision 0010), a path that names no
 * route or no resource of the session's mailbox, a request whose parameters or body do not match
 * the route's schema, an API token without the route's scope (RFC 6750 §3.1 insufficient_scope), an
 * API token over its request rate (RFC 6585 §4, with Retry-After), a billing callback whose
 * signature is missing, wrong or too old (decision 0041).
 */
export type RequestProblemReason =
  | 'csrf'
  | 'not-found'
  | 'invalid-request'
  | 'conflict'
  | 'insufficient-scope'
  | 'rate-limited'
  | 'invalid-signature';

/** Prefix of the adapter's own problem types. */
export const requestProblemTypeBase = 'urn:pec:request:';

export function requestProblem(
  reason: RequestProblemReason,
  detail?: string,
  retryAfterSeconds?: number,
): RefusalProblem {
  const [status, title, fallback] = ((): [number, string, string] => {
    switch (reason) {
      case 'csrf':
        return [403, 'Missing request header', 'State-changing requests must carry X-PEC-Request: 1.'];
      case 'not-found':
        return [404, 'Not found', 'There is no such resource.'];
      case 'invalid-request':
        return [400, 'Invalid request', 'The request does not match the route.'];
      case 'conflict':
        return [409, 'Conflict', 'The request does not fit the current state of the account.'];
      case 'insufficient-scope':
        return [403, 'Insufficient scope', 'The API token is not allowed to do this.'];
      case 'rate-limited':
        return [429, 'Too many requests', 'The API token made too many requests; try again later.'];
      case 'invalid-signature':
        return [
          401,
          'Invalid signature',
          'The message is not signed with the shared secret, or too long ago.',
        ];
    }
  })();
  return {
    status,
    headers: {
      'content-type': problemContentType,
      ...(retryAfterSeconds === undefined ? {} : { 'retry-after': String(Math.ceil(retryAfterSeconds)) }),
    },
    body: { type: `${requestProblemTypeBase}${reason}`, title, status, detail: detail ?? fallback, reason },
  };
}
