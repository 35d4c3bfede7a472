/**
 * Reads the two-provider rows against the Postfix relay of the same run: one row per message size,
 * "recipients delivered per second, every receipt back" as a share of the messages per second that
 * Postfix relays to its sink. A PEC recipient costs a signed envelope share, a presa in carico and a
 * signed delivery receipt sent back, so this is not like for like; it says how far the certified
 * relay is from plain mail on the same machine.
 */
import type { BenchRow } from './core-signing.bench.ts';
import { postfixRelayRowName } from './postfix-relay.bench.ts';

export function relayAgainstPostfix(rows: readonly BenchRow[]): BenchRow[] {
  const postfix = rows.find((r) => r.name.startsWith(`${postfixRelayRowName}: relayed`));
  if (postfix === undefined || !Number.isFinite(postfix.value)) return [];
  return rows
    .filter((r) => r.name.startsWith('two providers: recipients delivered/s'))
    .map((r) => ({
      name: r.name.replace(
        'two providers: recipients delivered/s',
        'two providers: recipients/s as a share of Postfix msg/s',
      ),
      value: (100 * r.value) / postfix.value,
      unit: '%',
      ratio: `of ${postfix.value.toFixed(1)} msg/s relayed by Postfix in this run`,
    }));
}
