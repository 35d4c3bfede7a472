/**
 * Test-only SMTP peer for the relay: an smtp-server on 127.0.0.1 (port 0) that offers STARTTLS with
 * a development certificate (or hides it), answers each RCPT TO and the end of DATA as the test
 * scripts, and records every accepted message with its exact bytes, envelope and TLS state.
 * Not used by production code.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface SinkReply {
  readonly code: number;
  readonly message: string;
}

export interface ReceivedMessage {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly secure: boolean;
}

export interface SmtpSinkOptions {
  /** PEM certificate and key for STARTTLS. */
  readonly cert: string;
  readonly key: string;
  /** Closes a connection idle this long (smtp-server's `socketTimeout`); default its 60 s. */
  readonly idleTimeoutMs?: number;
  /** Announced SIZE limit (RFC 1870). */
  readonly size?: number;
  /** Do not offer STARTTLS (a peer without TLS). */
  readonly noStartTls?: boolean;
  /** The answer to RCPT TO for an address; undefined accepts. */
  readonly rcpt?: (address: string) => SinkReply | undefined;
  /** The answer to the end of DATA; undefined accepts. */
  readonly data?: (message: ReceivedMessage) => SinkReply | undefined;
}

export interface SmtpSink {
  readonly port: number;
  readonly received: ReceivedMessage[];
  /** RCPT TO addresses seen, accepted or not, in order. */
  readonly rcptSeen: string[];
  /** TCP connections accepted so far, and how many are open now. */
  readonly connections: { opened: number; open: number };
  /** STARTTLS handshakes completed so far. */
  readonly tlsHandshakes: () => number;
  /** Changes the scripted answers (e.g. a peer that recovers). */
  script(answers: Pick<SmtpSinkOptions, 'rcpt' | 'data'>): void;
  close(): Promise<void>;
}

function replyError(reply: SinkReply): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const received: ReceivedMessage[] = [];
  const rcptSeen: string[] = [];
  const connections = { opened: 0, open: 0 };
  let tlsHandshakes = 0;
  let answers: Pick<SmtpSinkOptions, 'rcpt' | 'data'> = options;
  const serverOptions: SMTPServerOptions = {
    secure: false,
    key: options.key,
    cert: options.cert,
    authOptional: true,
    disabledCommands: options.noStartTls === true ? ['AUTH', 'STARTTLS'] : ['AUTH'],
    hideSTARTTLS: options.noStartTls === true,
    logger: false,
    onConnect(_session, callback) {
      connections.opened++;
      connections.open++;
      callback();
    },
    onClose() {
      connections.open--;
    },
    onSecure(_socket, _session, callback) {
      tlsHandshakes++;
      callback();
    },
    ...(options.size === undefined ? {} : { size: options.size }),
    ...(options.idleTimeoutMs === undefined ? {} : { socketTimeout: options.idleTimeoutMs }),
    onRcptTo(address, _session, callback) {
      rcptSeen.push(address.address);
      const reply = answers.rcpt?.(address.address);
      if (reply === undefined) callback();
      else callback(replyError(reply));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const message: ReceivedMessage = {
          mailFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          bytes,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          secure: session.secure,
        };
        const reply = answers.data?.(message);
        if (reply === undefined) {
          received.push(message);
          callback(null, 'queued');
        } else callback(replyError(reply));
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    received,
    rcptSeen,
    connections,
    tlsHandshakes: () => tlsHandshakes,
    script(next) {
      answers = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
