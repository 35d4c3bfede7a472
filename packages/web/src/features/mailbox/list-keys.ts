// The message list's own keys (WAI-ARIA listbox pattern): arrows move the active row, Home and End
// jump to the ends, Enter and Space open the active message. Global shortcuts (j/k, …) live in
// shortcuts.ts; these only apply while the list has the focus.
import type { KeyboardEvent } from 'react';

export interface ListNavigation {
  /** Moves the active row by `delta` (clamped). */
  readonly move: (delta: number) => void;
  readonly setActiveIndex: (index: number) => void;
  /** Opens the active message and moves the focus to it. */
  readonly openActive: () => void;
  /** Rows loaded in the list. */
  readonly count: number;
}

export function listKeyHandler(nav: ListNavigation): (event: KeyboardEvent<HTMLDivElement>) => void {
  const keys: Readonly<Record<string, () => void>> = {
    ArrowDown: () => {
      nav.move(1);
    },
    ArrowUp: () => {
      nav.move(-1);
    },
    Home: () => {
      nav.setActiveIndex(0);
    },
    End: () => {
      nav.setActiveIndex(Math.max(0, nav.count - 1));
    },
    Enter: nav.openActive,
    ' ': nav.openActive,
  };
  return (event) => {
    const handler = keys[event.key];
    if (handler === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    handler();
  };
}
