/**
 * Keeps the live index current while the provider runs (pec-spec §7.3): every `checkIntervalMs` it
 * reloads the local copy when the file changed (`pec index import`, `pec index refresh`,
 * `pec domain add` take effect without a restart), and every `refreshIntervalMs` it refreshes
 * from `refreshUrl` when one is configured (retrying hourly after a failure). A
 * copy that cannot be read or verified never replaces the index in force; the reason is logged.
 */
import { stat } from 'node:fs/promises';
import { createProviderIndex, parseLdif } from '@pec/core';
import type { AccountStore } from '../../ports/account-store.ts';
import type { Clock } from '../../ports/clock.ts';
import { nullEventLog, type EventLog } from '../../ports/event-log.ts';
import type { ProviderDirectory } from './create-provider-directory.ts';
import { readTrustAnchors } from './read-trust-anchors.ts';
import { refreshProviderIndex, type RefreshResult } from './refresh-provider-index.ts';
import { renderOwnProviderEntry, type OwnEntrySettings } from './render-own-provider-entry.ts';
import { readIndexText } from './write-index-file.ts';
import { createPeriodicTask } from '../periodic-task/create-periodic-task.ts';

export interface IndexRefresherSettings {
  /** The local copy of the index (LDIF). */
  readonly indexFile: string;
  /** Where the signed index is downloaded from (pec-spec §7.3); none: only the local file is watched. */
  readonly refreshUrl?: string | undefined;
  /** PEM files of the CAs the downloaded index's signature must chain to. */
  readonly trustAnchorFiles: readonly string[];
  /** Pause between downloads (at most a day, pec-spec §7.3). */
  readonly refreshIntervalMs: number;
  /** This provider's own record, kept in every copy written. */
  readonly ownEntry: OwnEntrySettings;
}

export interface IndexRefresherDependencies {
  /** The live index the refresher replaces. */
  readonly directory: ProviderDirectory;
  /** Our domains, for our own record. */
  readonly accounts: Pick<AccountStore, 'listDomains'>;
  readonly clock: Clock;
  readonly settings: IndexRefresherSettings;
}

export interface IndexRefresherOptions {
  /** How often the local file is checked for changes. Default 60 000 ms. */
  readonly checkIntervalMs?: number;
  /** Delay before retrying a failed refresh. Default 1 h (capped by the refresh interval). */
  readonly retryMs?: number;
  /** Default: `index.updated` events to `events`. */
  readonly log?: (message: string) => void;
  /** Where reloads and refreshes are reported when `log` is not given. Default: nowhere. */
  readonly events?: EventLog;
  /** Replaces the download, for tests. */
  readonly fetchDocument?: (url: string) => Promise<Uint8Array>;
}

export interface IndexRefresher {
  start(): void;
  stop(): Promise<void>;
  /** Reloads the local copy when its file changed; true when the index in force was replaced. */
  reloadIfChanged(): Promise<boolean>;
  /** Refreshes from `refreshUrl` now; the index in force is replaced only on success. */
  refreshNow(): Promise<RefreshResult>;
}

const hourMs = 3_600_000;

export function createIndexRefresher(
  deps: IndexRefresherDependencies,
  options: IndexRefresherOptions = {},
): IndexRefresher {
  const { settings, directory } = deps;
  const checkIntervalMs = options.checkIntervalMs ?? 60_000;
  const refreshMs = settings.refreshIntervalMs;
  const retryMs = Math.min(options.retryMs ?? hourMs, refreshMs);
  const log =
    options.log ??
    ((message: string) => {
      (options.events ?? nullEventLog).emit({ event: 'index.updated', detail: message });
    });
  let seen: string | undefined;
  let nextRefreshAt = 0;

  async function fileVersion(): Promise<string | undefined> {
    const info = await stat(settings.indexFile).catch(() => undefined);
    return info === undefined ? undefined : `${info.ino}:${info.size}:${info.mtimeMs}`;
  }

  async function reloadIfChanged(): Promise<boolean> {
    const version = await fileVersion();
    if (version === undefined || version === seen) return false;
    try {
      const index = createProviderIndex(parseLdif(await readIndexText(settings.indexFile)));
      if (index.providers.length === 0) throw new Error('no provider entry');
      directory.replace(index);
      seen = version;
      return true;
    } catch (error) {
      seen = version;
      log(`${settings.indexFile} changed but cannot be used, keeping the index in force: ${String(error)}`);
      return false;
    }
  }

  async function refreshNow(): Promise<RefreshResult> {
    const url = settings.refreshUrl;
    if (url === undefined) return { ok: false, reason: 'index.refreshUrl is not configured' };
    let trustAnchors: Uint8Array[];
    try {
      trustAnchors = await readTrustAnchors(settings.trustAnchorFiles);
    } catch (error) {
      return { ok: false, reason: `reading index.trustAnchorFiles: ${String(error)}` };
    }
    const result = await refreshProviderIndex({
      url,
      indexFile: settings.indexFile,
      ownName: settings.ownEntry.identity.name,
      ownEntry: () => renderOwnProviderEntry({ accounts: deps.accounts, settings: settings.ownEntry }),
      trustAnchors,
      at: deps.clock.now(),
      ...(options.fetchDocument === undefined ? {} : { fetchDocument: options.fetchDocument }),
    });
    if (result.ok) {
      directory.replace(result.index);
      seen = await fileVersion();
    }
    return result;
  }

  async function tick(): Promise<void> {
    await reloadIfChanged();
    if (settings.refreshUrl === undefined) return;
    const now = deps.clock.now().getTime();
    if (now < nextRefreshAt) return;
    const result = await refreshNow();
    nextRefreshAt = now + (result.ok ? refreshMs : retryMs);
    log(
      result.ok
        ? `refreshed from ${settings.refreshUrl}: ${result.providers.length} other provider(s)` +
            (result.removed.length === 0 ? '' : `, removed ${result.removed.join(', ')}`)
        : `refresh failed, keeping the previous copy: ${result.reason}`,
    );
  }

  const task = createPeriodicTask({
    intervalMs: checkIntervalMs,
    // The file as opened is what the directory holds: only later changes are reloaded.
    prepare: async () => {
      seen ??= await fileVersion();
    },
    tick,
    onError: (error) => {
      log(`check failed: ${String(error)}`);
    },
  });

  return {
    reloadIfChanged,
    refreshNow,
    start: () => {
      task.start();
    },
    stop: () => task.stop(),
  };
}
