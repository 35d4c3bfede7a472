/**
 * A stand-in node for the two-process test, run as `node --import tsx coordination-node.ts <mode>
 * <url> [arg]`. It reports on stdout, one line per event:
 * - `listen`: subscribes to the `mailbox` channel, prints `ready`, then `heard <payload>` per hint;
 * - `publish <payload>`: publishes on `mailbox`, prints `published` and exits;
 * - `lock <name>`: prints `locked` or `refused`, then holds the lock until it is killed.
 */
import { openPostgresChangeBus } from '../postgres-change-bus.ts';
import { openPostgresLocks } from '../postgres-locks.ts';

const [mode, url, arg] = process.argv.slice(2);
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

if (url === undefined) throw new Error('usage: coordination-node <mode> <url> [arg]');
if (mode === 'listen') {
  const bus = await openPostgresChangeBus({ url });
  bus.subscribe('mailbox', (payload) => {
    say(`heard ${payload}`);
  });
  await bus.settled();
  say('ready');
} else if (mode === 'publish') {
  const bus = await openPostgresChangeBus({ url });
  await bus.publish('mailbox', arg ?? '');
  say('published');
  await bus.close();
} else if (mode === 'lock') {
  const locks = await openPostgresLocks({ url });
  say((await locks.tryAcquire(arg ?? 'mailbox:1')) === undefined ? 'refused' : 'locked');
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}
