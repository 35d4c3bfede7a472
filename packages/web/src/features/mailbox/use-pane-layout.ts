// How many panes the mailbox shows: the holder's reading layout (Options, decision 0033), capped
// by what the window has room for — three from 1200 px, two from 768 px, one below (a phone).
import { useSyncExternalStore } from 'react';

export type PaneLayout = 'three' | 'two' | 'one';

const widest: readonly PaneLayout[] = ['one', 'two', 'three'];
const queries = ['(min-width: 1200px)', '(min-width: 768px)'] as const;

function roomFor(): PaneLayout {
  if (typeof matchMedia !== 'function') return 'three';
  if (matchMedia(queries[0]).matches) return 'three';
  return matchMedia(queries[1]).matches ? 'two' : 'one';
}

function subscribe(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => undefined;
  const lists = queries.map((query) => matchMedia(query));
  for (const list of lists) list.addEventListener('change', onChange);
  return () => {
    for (const list of lists) list.removeEventListener('change', onChange);
  };
}

/** The layout drawn: the holder's choice, or fewer panes when the window is too narrow for it. */
export function usePaneLayout(preferred: PaneLayout): PaneLayout {
  const room = useSyncExternalStore(subscribe, roomFor, () => 'three' as const);
  return widest[Math.min(widest.indexOf(preferred), widest.indexOf(room))] ?? 'one';
}
