/**
 * Port for the claims of daily maintenance runs (services/maintenance): each node ticks on its own,
 * but a (task, day) pair can be claimed once across every node that shares the storage, so the
 * day's purges run exactly once in the cluster. SQL adapter: table `maintenance_runs`, whose
 * primary key decides the race.
 */

export interface MaintenanceRun {
  readonly task: string;
  /** The UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Who claimed it (host and process). */
  readonly node: string;
  readonly claimedAt: Date;
  readonly finishedAt: Date | null;
  /** A short summary (`ok: …` or `failed: …`), null while running or after a crash. */
  readonly outcome: string | null;
}

export interface MaintenanceRunStore {
  /** True for exactly one caller per (task, day), whichever node it runs on. */
  claim(task: string, day: string, node: string, at: Date): Promise<boolean>;
  finish(task: string, day: string, at: Date, outcome: string): Promise<void>;
  /** Newest day first. */
  list(task?: string): Promise<MaintenanceRun[]>;
  /** Deletes the runs of days before `day`; returns how many. */
  purge(beforeDay: string): Promise<number>;
}
