/**
 * Before `pec start` / `pec serve` create or open anything: every configured port must be free.
 * A busy one is named with the flag and variable that choose another; nothing else is printed.
 */
import { findBusyPorts } from '../../app/find-busy-ports.ts';
import type { PlannedListeners } from '../../app/planned-listeners.ts';
import { howToChangePort } from './port-options.ts';

const why: Record<string, string> = {
  EADDRINUSE: 'is already in use (another program, or another pec serve, listens there)',
  EACCES: 'needs privileges (ports below 1024 do)',
  EADDRNOTAVAIL: 'cannot be bound: the address is not one of this machine',
};

/** True when every port can be bound; else prints one line per busy port on stderr and sets exit code 1. */
export async function checkListenPorts(planned: PlannedListeners): Promise<boolean> {
  const busy = await findBusyPorts(planned.host, planned.ports);
  if (busy.length === 0) return true;
  for (const b of busy) {
    process.stderr.write(
      `pec: port ${b.port} (${b.name}) on ${planned.host} ${why[b.code] ?? `cannot be bound (${b.code})`}; ` +
        `choose another with ${howToChangePort(b.name)}\n`,
    );
  }
  process.stderr.write('pec: nothing was started or created\n');
  process.exitCode = 1;
  return false;
}
