/**
 * The VirusScanner port on ClamAV's clamd, over its INSTREAM command (pec-spec §2.1: antivirus at
 * the access and reception points; RFC 6109 §5.4). Guarantees: `scan` returns only clamd's own
 * verdict for exactly the bytes given; no reply, an ERROR reply, a size limit or a timeout throws
 * ClamdError, so the caller fails closed (temporary failure, never accepted unscanned).
 */
import type { VirusScanner, VirusScanResult } from '../../ports/virus-scanner.ts';
import { ClamdError } from './clamd-error.ts';
import { parseClamdScanReply } from './parse-clamd-scan-reply.ts';
import { sendClamdCommand, type ClamdTarget } from './send-clamd-command.ts';

export interface ClamdScannerOptions {
  /** clamd's LocalSocket path; when given, host and port are not used. */
  readonly socket?: string | undefined;
  /** clamd's TCPAddr. Default 127.0.0.1. */
  readonly host?: string | undefined;
  /** clamd's TCPSocket. Default 3310. */
  readonly port?: number | undefined;
  /** Limit for one whole exchange, connect to verdict. Default 30 000. */
  readonly timeoutMs?: number | undefined;
  /** INSTREAM chunk size. Default 64 KiB. */
  readonly chunkBytes?: number | undefined;
  /**
   * Refuse larger messages with ClamdError `size-limit` without contacting clamd. Set it to clamd's
   * StreamMaxLength to fail fast; clamd enforces its own limit either way.
   */
  readonly maxStreamBytes?: number | undefined;
}

/** What `VERSION` tells: the engine, and the signature database when clamd loaded an official one. */
export interface ClamdVersion {
  /** The reply as clamd sent it, e.g. `ClamAV 1.4.6/27431/Sun Nov 22 09:25:02 2026`. */
  readonly text: string;
  readonly engine: string;
  readonly databaseVersion?: number;
  /** Date of the daily database as clamd prints it; stale means freshclam is not running. */
  readonly databaseDate?: string;
}

export interface ClamdScanner extends VirusScanner {
  readonly target: ClamdTarget;
  /** Resolves when clamd answers `PONG`; throws ClamdError otherwise. */
  ping(): Promise<void>;
  version(): Promise<ClamdVersion>;
  /** PING then VERSION: the readiness check for start-up and monitoring. */
  checkHealth(): Promise<ClamdVersion>;
}

const defaults = { host: '127.0.0.1', port: 3310, timeoutMs: 30_000, chunkBytes: 64 * 1024 } as const;
/** A chunk length must fit clamd's 4-byte prefix. */
const maxChunkBytes = 0xffff_ffff;

export function createClamdScanner(options: ClamdScannerOptions = {}): ClamdScanner {
  const target: ClamdTarget =
    options.socket !== undefined
      ? { socket: options.socket }
      : { host: options.host ?? defaults.host, port: options.port ?? defaults.port };
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  const chunkBytes = options.chunkBytes ?? defaults.chunkBytes;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1 || chunkBytes > maxChunkBytes) {
    throw new RangeError(`chunkBytes must be an integer from 1 to ${maxChunkBytes}`);
  }
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
  const send = (command: 'PING' | 'VERSION' | 'INSTREAM', stream?: Uint8Array): Promise<string> =>
    sendClamdCommand({ target, command, chunkBytes, timeoutMs, ...(stream === undefined ? {} : { stream }) });

  async function version(): Promise<ClamdVersion> {
    return parseClamdVersion(await send('VERSION'));
  }

  async function ping(): Promise<void> {
    const reply = await send('PING');
    if (reply.trim() !== 'PONG') {
      throw new ClamdError(
        'protocol',
        `clamd: unexpected reply to PING ${JSON.stringify(reply.slice(0, 200))}`,
      );
    }
  }

  return {
    target,
    async scan(bytes: Uint8Array): Promise<VirusScanResult> {
      if (options.maxStreamBytes !== undefined && bytes.length > options.maxStreamBytes) {
        throw new ClamdError(
          'size-limit',
          `message of ${bytes.length} bytes exceeds the scanner limit of ${options.maxStreamBytes}`,
        );
      }
      return parseClamdScanReply(await send('INSTREAM', bytes));
    },
    ping,
    version,
    async checkHealth() {
      await ping();
      return version();
    },
  };
}

/** Parses `ClamAV <engine>[/<database version>/<database date>]`. */
export function parseClamdVersion(reply: string): ClamdVersion {
  const text = reply.trim();
  const match = /^ClamAV ([^/\s]+)(?:\/(\d+)\/(.+))?$/.exec(text);
  if (match?.[1] === undefined) {
    throw new ClamdError(
      'protocol',
      `clamd: unexpected reply to VERSION ${JSON.stringify(text.slice(0, 200))}`,
    );
  }
  return {
    text,
    engine: match[1],
    ...(match[2] === undefined ? {} : { databaseVersion: Number(match[2]) }),
    ...(match[3] === undefined ? {} : { databaseDate: match[3] }),
  };
}
