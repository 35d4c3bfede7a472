/**
 * Reads clamd's answer to INSTREAM: `stream: OK`, `stream: <signature> FOUND` (one line per match
 * when clamd runs with AllMatchScans) or `<text> ERROR`. A match wins over an error line: a message
 * known to be infected is infected. `Heuristics.Limits.Exceeded.*` (AlertExceedsMax) means clamd
 * skipped part of the message, so it is a size-limit error, not a virus. Anything else is an error.
 */
import type { VirusScanResult } from '../../ports/virus-scanner.ts';
import { ClamdError } from './clamd-error.ts';

const foundLine = /^stream: (.+) FOUND$/;
const errorLine = /^(.*) ERROR$/;
/** clamd's wording when a stream exceeds StreamMaxLength. */
const sizeLimitText = 'INSTREAM size limit exceeded';
/** What clamd reports, with AlertExceedsMax, for content it did not scan because of a limit. */
const limitsExceededPrefix = 'Heuristics.Limits.Exceeded';

/** The verdict of one reply; throws ClamdError when the reply carries none. */
export function parseClamdScanReply(reply: string): VirusScanResult {
  const lines = reply
    .split(/[\0\n]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  let clean = false;
  let failure: string | undefined;
  let unexpected: string | undefined;
  let limitExceeded: string | undefined;
  for (const line of lines) {
    const found = foundLine.exec(line)?.[1];
    if (found?.startsWith(limitsExceededPrefix) === true) limitExceeded ??= found;
    else if (found !== undefined) return { infected: true, signature: found };
    else if (line === 'stream: OK') clean = true;
    else {
      const error = errorLine.exec(line)?.[1];
      if (error !== undefined) failure ??= error;
      else unexpected ??= line;
    }
  }
  if (limitExceeded !== undefined) {
    throw new ClamdError('size-limit', `clamd did not scan everything: ${limitExceeded}`);
  }
  if (failure !== undefined) {
    throw new ClamdError(
      failure.startsWith(sizeLimitText) ? 'size-limit' : 'scan-error',
      `clamd: ${failure}`,
    );
  }
  if (unexpected !== undefined) {
    throw new ClamdError('protocol', `clamd: unexpected reply ${JSON.stringify(unexpected.slice(0, 200))}`);
  }
  if (!clean) throw new ClamdError('protocol', 'clamd: empty reply');
  return { infected: false };
}
