// What the two box lists (a domain's, /admin/boxes, and the console's across domains) share: the
// status filter's choices, the page size and the offset of the next page.
export const boxStatuses = ['', 'active', 'suspended', 'expired'] as const;
export type BoxStatusFilter = (typeof boxStatuses)[number];

export const boxPageSize = 50;

/** The offset of the page after `all`, or undefined once `total` boxes are shown. */
export function nextBoxOffset<Page extends { total: number; boxes: readonly unknown[] }>(
  last: Page,
  all: readonly Page[],
): number | undefined {
  const seen = all.reduce((sum, page) => sum + page.boxes.length, 0);
  return seen < last.total ? seen : undefined;
}
