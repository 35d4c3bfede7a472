/**
 * Chooses the VirusScanner from the `antivirus` settings: clamd, or none (development only: it
 * reports everything clean, which the rules forbid in production, pec-spec §2.1, RFC 6109 §5.4).
 * `checkHealth` lets start-up and monitoring refuse to run with a scanner that cannot scan.
 */
import { noVirusScanner, type VirusScanner } from '../ports/virus-scanner.ts';
import { createClamdScanner } from './clamd/create-clamd-scanner.ts';
import { describeClamdTarget } from './clamd/send-clamd-command.ts';

/** The `antivirus` settings, as plain values. */
export interface AntivirusConfig {
  readonly kind: 'none' | 'clamd';
  /** clamd TCP host, used when `socket` is not set. */
  readonly host: string;
  readonly port: number;
  /** clamd Unix socket path; when set it is used instead of host and port. */
  readonly socket?: string | undefined;
  /** Milliseconds to wait for one scan. */
  readonly timeoutMs: number;
}

export interface ConfiguredVirusScanner extends VirusScanner {
  readonly kind: AntivirusConfig['kind'];
  /** One line describing a ready scanner; throws (ClamdError) when it cannot scan. */
  checkHealth(): Promise<string>;
}

export function createVirusScanner(config: AntivirusConfig): ConfiguredVirusScanner {
  switch (config.kind) {
    case 'none':
      return {
        kind: 'none',
        scan: (bytes) => noVirusScanner.scan(bytes),
        checkHealth: () => Promise.resolve('antivirus disabled (antivirus.kind none): development only'),
      };
    case 'clamd': {
      const clamd = createClamdScanner({
        socket: config.socket,
        host: config.host,
        port: config.port,
        timeoutMs: config.timeoutMs,
      });
      return {
        kind: 'clamd',
        scan: (bytes) => clamd.scan(bytes),
        checkHealth: async () =>
          `${(await clamd.checkHealth()).text} at ${describeClamdTarget(clamd.target)}`,
      };
    }
  }
}
