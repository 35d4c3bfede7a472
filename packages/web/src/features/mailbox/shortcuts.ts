// The mailbox's keyboard shortcuts: one table for the handler and the help dialog.
export type ShortcutAction =
  'next' | 'previous' | 'open' | 'close' | 'compose' | 'search' | 'help' | MessageShortcut;

/** The mailbox actions' shortcuts (features/actions), Gmail's keys where there are some. */
export type MessageShortcut = 'select' | 'read' | 'unread' | 'flag' | 'move' | 'delete' | 'undo';

export const shortcuts: readonly { action: ShortcutAction; keys: readonly string[] }[] = [
  { action: 'next', keys: ['j'] },
  { action: 'previous', keys: ['k'] },
  { action: 'open', keys: ['Enter'] },
  { action: 'close', keys: ['Escape'] },
  { action: 'compose', keys: ['c'] },
  { action: 'search', keys: ['/'] },
  { action: 'help', keys: ['?'] },
  { action: 'select', keys: ['x'] },
  { action: 'read', keys: ['I'] },
  { action: 'unread', keys: ['U'] },
  { action: 'flag', keys: ['s'] },
  { action: 'move', keys: ['v'] },
  { action: 'delete', keys: ['#', 'Delete'] },
  { action: 'undo', keys: ['z'] },
];

const messageShortcuts: ReadonlySet<string> = new Set([
  'select',
  'read',
  'unread',
  'flag',
  'move',
  'delete',
  'undo',
]);

export function isMessageShortcut(action: ShortcutAction): action is MessageShortcut {
  return messageShortcuts.has(action);
}

const byKey = new Map(
  shortcuts.flatMap((shortcut) => shortcut.keys.map((key) => [key, shortcut.action] as const)),
);

/** The action for a key press, or null when it is typing, has modifiers, or is not ours. */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return null;
  const target = event.target;
  if (target instanceof HTMLElement) {
    if (target.isContentEditable || target.closest('input, textarea, select, dialog[open]') !== null)
      return null;
    // Enter on a button or link keeps its own meaning.
    if (event.key === 'Enter' && target.closest('button, a') !== null) return null;
  }
  return byKey.get(event.key) ?? null;
}
