/**
 * The spam scanner the `antispam` settings name (decision 0034): rspamd over HTTP when
 * `antispam.rspamd.url` is set, none otherwise (nothing is scored).
 */
import { createRspamdScanner } from '../antispam/create-rspamd-scanner.ts';
import type { Config } from '../config/config-schema.ts';
import type { SpamScanner } from '../ports/spam-scanner.ts';

export function configuredSpamScanner(config: Config['antispam']): SpamScanner | undefined {
  const { url, timeoutMs, password } = config.rspamd;
  if (url === undefined) return undefined;
  return createRspamdScanner({ url, timeoutMs, ...(password === undefined ? {} : { password }) });
}
