/**
 * Which socket errors are the network doing its job rather than a bug of ours: a client that
 * resets or closes early, a timeout, a TLS handshake that fails (a scanner, a plain-text client on
 * an implicit-TLS port, a protocol or cipher mismatch). Listeners report these as one short
 * `connection.lost` event without a stack (ports/event-log.ts); anything else is unexpected.
 */

export interface NetworkCondition {
  /** The error code (`ECONNRESET`, `ERR_SSL_…`) or a short name for code-less errors. */
  readonly code: string;
  readonly message: string;
}

const expectedCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTCONN',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_STREAM_WRITE_AFTER_END',
  'ERR_SOCKET_CLOSED',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
  // smtp-server's own codes for sockets that went away or idled out.
  'ETLS',
  'TLSError',
  'ECONNECTION',
  'SocketError',
]);

const expectedMessages = [
  'socket hang up',
  'Client network socket disconnected before secure TLS connection was established',
  'connection closed during the TLS handshake',
  'TLS handshake timeout',
];

/** The condition when `error` is an expected network error; `undefined` for anything else. */
export function expectedNetworkCondition(error: unknown): NetworkCondition | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const message = error.message.split('\n', 1)[0] ?? '';
  if (typeof code === 'string') {
    // HPE_…: Node's HTTP parser refused what the client sent (a malformed or oversized request).
    if (expectedCodes.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('HPE_')) {
      return { code, message };
    }
  }
  // OpenSSL reports handshake failures with a library/reason text and sometimes no code.
  if (/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:/i.test(message) || /\bssl3?_|\btls_/i.test(message)) {
    return { code: typeof code === 'string' ? code : 'TLS', message };
  }
  const known = expectedMessages.find((text) => message.includes(text));
  if (known !== undefined) return { code: typeof code === 'string' ? code : known, message };
  return undefined;
}
