/**
 * A background loop for the provider's periodic work (timeout sweeps, index checks): runs `tick`,
 * reports its failure without stopping, pauses `intervalMs`, and again; `stop()` cuts the pause
 * short and waits for a running tick to finish. Starting twice is a no-op.
 */

export interface PeriodicTask {
  start(): void;
  stop(): Promise<void>;
}

export interface PeriodicTaskOptions {
  readonly intervalMs: number;
  readonly tick: () => Promise<unknown>;
  readonly onError: (error: unknown) => void;
  /** Runs once per start, before the first tick. */
  readonly prepare?: () => Promise<void>;
}

export function createPeriodicTask(options: PeriodicTaskOptions): PeriodicTask {
  let loop: Promise<void> | undefined;
  const control = { stopping: false };
  // A function, so that the flag is read afresh after each await.
  const stopped = (): boolean => control.stopping;
  let wakeUp: (() => void) | undefined;

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish(): void {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = finish;
    });
  }

  async function run(): Promise<void> {
    await options.prepare?.();
    while (!stopped()) {
      try {
        await options.tick();
      } catch (error) {
        options.onError(error);
      }
      if (!stopped()) await pause(options.intervalMs);
    }
  }

  return {
    start() {
      if (loop !== undefined) return;
      control.stopping = false;
      loop = run().finally(() => {
        loop = undefined;
      });
    },
    async stop() {
      control.stopping = true;
      wakeUp?.();
      await loop;
    },
  };
}
