/**
 * CPU time of another process, read from Linux's /proc: the whole process (every thread, the ones
 * that ended included: `/proc/PID/stat`) and its main thread alone (`/proc/PID/task/PID/stat`, the
 * thread whose id is the process id, where Node runs the event loop). Their difference is the time of
 * the other threads: the signing worker pool, libuv's pool (fsync, file I/O), GC helpers. Used by the
 * benchmarks that run `pec serve` as a child, so that the server's CPU per message is measured apart
 * from the client's and barely changes with the machine's load (unlike msg/s).
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of utime/stime in /proc (USER_HZ, 100 on every Linux port Node runs on). */
const ticksPerSecond = 100;

export interface ProcessCpu {
  /** Milliseconds of CPU (user + system) of every thread of the process so far. */
  readonly totalMs: number;
  /** Milliseconds of CPU (user + system) of its main thread so far. */
  readonly mainMs: number;
}

function cpuMsOf(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of proc(5), i.e. 11 and 12 after the state (field 3).
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / ticksPerSecond;
}

export function processCpu(pid: number): ProcessCpu {
  return { totalMs: cpuMsOf(`/proc/${pid}/stat`), mainMs: cpuMsOf(`/proc/${pid}/task/${pid}/stat`) };
}
