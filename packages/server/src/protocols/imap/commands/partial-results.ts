/**
 * The results at the positions of a `PARTIAL` range (RFC 5267 §4.4): 1-based positions in the
 * result's order; negative positions count from the last result (RFC 9394 §3.1: -1 is the last).
 * Positions beyond the result give nothing; the range's ends may come in either order.
 */
import type { PartialRange } from '../grammar/index.ts';

export function partialResults<T>(range: PartialRange, results: readonly T[]): T[] {
  const low = Math.min(Math.abs(range.first), Math.abs(range.last));
  const high = Math.max(Math.abs(range.first), Math.abs(range.last));
  if (range.first > 0) return results.slice(low - 1, high);
  const end = results.length - low + 1;
  const start = Math.max(0, results.length - high);
  return end <= 0 ? [] : results.slice(start, end);
}
