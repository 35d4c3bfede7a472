/**
 * The daily RFC 3161 seal of the log register as the configuration asks (`logTimestamp` section,
 * pec-spec §6.4, §8.5): none without `tsaUrl`, else the hourly loop over `timestampLogDay` with the
 * HTTP TSA and the configured TSA certificate.
 */
import { readFileSync } from 'node:fs';
import { pemToDer } from '@pec/core';
import type { Config } from '../config/config-schema.ts';
import { createHttpTimeStampAuthority } from '../http-clients/create-http-time-stamp-authority.ts';
import type { Clock } from '../ports/clock.ts';
import type { LogTimestampStore } from '../ports/log-timestamp-store.ts';
import { createLogTimestamper } from '../services/log-register/create-log-timestamper.ts';
import type { PeriodicTask } from '../services/periodic-task/create-periodic-task.ts';

export function createConfiguredLogTimestamper(
  settings: Config['logTimestamp'],
  deps: { readonly timestamps: LogTimestampStore; readonly clock: Clock },
  onError: (error: unknown) => void,
): PeriodicTask | undefined {
  const { tsaUrl, tsaCertificateFile } = settings;
  if (tsaUrl === undefined || tsaCertificateFile === undefined) return undefined;
  return createLogTimestamper(
    {
      timestamps: deps.timestamps,
      clock: deps.clock,
      tsa: createHttpTimeStampAuthority(tsaUrl, { timeoutMs: settings.timeoutMs }),
      // loadConfig has checked that the file exists and can be read.
      tsaCertificate: pemToDer(readFileSync(tsaCertificateFile, 'utf8'), 'CERTIFICATE'),
    },
    { onError },
  );
}
