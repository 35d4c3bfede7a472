/**
 * A background loop for the provider's periodic work (outbox polling, timeout sweeps, index
 * checks): runs `tick`, reports its failure without stopping, pauses `intervalMs` (unless the tick
 * says more work is waiting), and again; `wake()` ends a pause at once; `stop()` cuts the pause
 * short and waits for a running tick to finish. Starting twice is a no-op.
 */

export interface PeriodicTask {
  start(): void;
  stop(): Promise<void>;
  /** Ends the current pause at once, e.g. after new work was queued. */
  wake(): void;
}

export interface PeriodicTaskOptions<T = unknown> {
  readonly intervalMs: number;
  readonly tick: () => Promise<T>;
  readonly onError: (error: unknown) => void;
  /** Runs once per start, before the first tick. */
  readonly prepare?: () => Promise<void>;
  /** True when the tick's result means more work is waiting: the next tick runs without a pause. */
  readonly busy?: (result: T) => boolean;
}

export function createPeriodicTask<T>(options: PeriodicTaskOptions<T>): PeriodicTask {
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
      let busy = false;
      try {
        const result = await options.tick();
        busy = options.busy?.(result) ?? false;
      } catch (error) {
        options.onError(error);
      }
      if (!busy && !stopped()) await pause(options.intervalMs);
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
    wake() {
      wakeUp?.();
    },
  };
}
