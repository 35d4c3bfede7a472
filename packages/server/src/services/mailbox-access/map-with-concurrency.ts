/**
 * Runs an async step over items with at most `limit` in flight and returns the results in input
 * order: message bytes for body-text search or threading by References are read in parallel (disk latency
 * overlaps) while memory stays bounded by `limit` messages at a time.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  step: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await step(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
