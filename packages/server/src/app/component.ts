/**
 * The running provider as one ordered list of components: started in order, stopped in reverse,
 * with one rollback path (when component k fails to start, k−1 … 0 are stopped and the error is
 * rethrown). `serveProvider` lists the background work first and the listeners last, so stopping
 * stops taking mail first and lets the work it queued finish after (decision 0004).
 */

/** A part of the running provider that `app/` starts in order and stops in reverse. */
export interface Component {
  readonly name: string; // 'smtp-submission', 'smtp-mx', 'imap', 'pop3', 'http', 'outbox-worker', ...
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartedComponents {
  /** Stops every component in reverse order, each even when an earlier stop failed; idempotent. */
  stop(): Promise<void>;
}

/** Stops `started` last-first; the first failure is rethrown once all were attempted. */
async function stopInReverse(started: readonly Component[]): Promise<void> {
  const failures: unknown[] = [];
  for (const component of [...started].reverse()) {
    try {
      await component.stop();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

export async function startComponents(components: readonly Component[]): Promise<StartedComponents> {
  const started: Component[] = [];
  for (const component of components) {
    try {
      await component.start();
    } catch (error) {
      await stopInReverse(started).catch(() => undefined);
      throw error;
    }
    started.push(component);
  }
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= stopInReverse(started);
      return stopped;
    },
  };
}
