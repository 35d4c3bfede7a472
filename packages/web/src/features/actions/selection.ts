// The ticked messages of one listing (folder, search, sort): a new listing starts with none.
import { useState } from 'react';
import type { MessageSummary } from '../../api/contract.ts';
import type { Folder } from '../../api/contract.ts';
import type { MessageShortcut } from '../mailbox/shortcuts.ts';
import { useLiveUpdates } from './useLiveUpdates.ts';
import { useMailboxActions, type MailboxActionsController } from './useMailboxActions.tsx';

interface State {
  key: string;
  uids: ReadonlySet<number>;
  /** The row a shift-click extends from. */
  anchor: number | null;
}

export function useSelection(listKey: string, loaded: readonly MessageSummary[]) {
  const [state, setState] = useState<State>({ key: listKey, uids: new Set(), anchor: null });
  const current: State = state.key === listKey ? state : { key: listKey, uids: new Set(), anchor: null };
  const update = (uids: Set<number>, anchor: number | null) => {
    setState({ key: listKey, uids, anchor });
  };
  return {
    selected: current.uids,
    toggle: (index: number, range: boolean) => {
      const message = loaded[index];
      if (message === undefined) return;
      const uids = new Set(current.uids);
      if (range && current.anchor !== null) {
        const [from, to] = [Math.min(current.anchor, index), Math.max(current.anchor, index)];
        for (const row of loaded.slice(from, to + 1)) uids.add(row.uid);
      } else if (uids.has(message.uid)) uids.delete(message.uid);
      else uids.add(message.uid);
      update(uids, index);
    },
    selectAll: (all: boolean) => {
      update(all ? new Set(loaded.map((m) => m.uid)) : new Set(), null);
    },
    clear: () => {
      update(new Set(), null);
    },
    drop: (gone: readonly number[]) => {
      const uids = new Set(current.uids);
      for (const uid of gone) uids.delete(uid);
      update(uids, current.anchor);
    },
  };
}

/** Runs a message shortcut on `targets`; false when it does not apply (nothing to act on). */
export function runMessageShortcut(
  action: MessageShortcut,
  context: {
    folderId: string;
    targets: readonly MessageSummary[];
    controller: MailboxActionsController;
    toggleActive: () => void;
  },
): boolean {
  const { folderId, targets, controller } = context;
  if (action === 'undo') {
    controller.undo();
    return true;
  }
  if (action === 'select') {
    context.toggleActive();
    return true;
  }
  if (targets.length === 0) return false;
  const selection = { folderId, uids: targets.map((m) => m.uid) };
  if (action === 'read') controller.mark(selection, { seen: true });
  else if (action === 'unread') controller.mark(selection, { seen: false });
  else if (action === 'flag')
    controller.mark(selection, { flagged: !targets.every((m) => m.flags.includes('flagged')) });
  else if (action === 'move') controller.requestMove(selection);
  else controller.remove(selection);
  return true;
}

/** Everything the mailbox shell needs from the actions: ticks, targets, controller, shortcuts. */
export function useMailboxActionsWiring(props: {
  listKey: string;
  loaded: readonly MessageSummary[];
  folderId: string | null;
  folders: readonly Folder[];
  openUid: number | null;
  activeIndex: number;
  closeReader: () => void;
}) {
  const { loaded, openUid, folderId, activeIndex } = props;
  const selection = useSelection(props.listKey, loaded);
  const openMessage = openUid === null ? undefined : loaded.find((m) => m.uid === openUid);
  const ticked = loaded.filter((m) => selection.selected.has(m.uid));
  const targets = ticked.length > 0 ? ticked : openMessage === undefined ? [] : [openMessage];
  const controller = useMailboxActions({
    folders: props.folders,
    onRemoved: (removedFrom, uids) => {
      selection.drop(uids);
      if (removedFrom === folderId && openUid !== null && uids.includes(openUid)) props.closeReader();
    },
  });
  useLiveUpdates();
  /** Handles a message shortcut; false when nothing applies (the key then does nothing). */
  const onShortcut = (action: MessageShortcut): boolean => {
    const active = loaded[activeIndex];
    return runMessageShortcut(action, {
      folderId: folderId ?? '',
      targets: targets.length > 0 ? targets : active === undefined ? [] : [active],
      controller,
      toggleActive: () => {
        selection.toggle(activeIndex, false);
      },
    });
  };
  return { selection, ticked, targets, controller, onShortcut };
}
