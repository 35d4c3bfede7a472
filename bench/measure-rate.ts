/** Runs an operation repeatedly for a fixed time and returns operations per second (after a warm-up). */
export async function measureRate(
  operation: () => unknown,
  options: { seconds?: number; warmup?: number } = {},
): Promise<{ rate: number; count: number; seconds: number }> {
  const { seconds = 2, warmup = 5 } = options;
  for (let i = 0; i < warmup; i++) await operation();
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < seconds * 1000) {
    await operation();
    count++;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { rate: count / elapsed, count, seconds: elapsed };
}
