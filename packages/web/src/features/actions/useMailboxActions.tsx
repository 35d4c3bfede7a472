// The mailbox actions for the list, the toolbar, the reader and the keyboard: marks, move/copy,
// delete (undoable while the toast shows, and by `z`), empty Trash/Spam, with confirmations for
// what cannot be undone and a toast after each.
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionsApi, type Selection } from '../../api/actions.ts';
import type { Folder } from '../../api/contract.ts';
import { ConfirmDialog, type Confirmation } from '../../ui/ConfirmDialog.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { ToastRegion, useToasts } from '../../ui/Toasts.tsx';
import { folderName } from '../mailbox/folders.ts';
import { markInCache, refreshMailbox, removeFromCache } from './cache.ts';
import { MoveDialog } from './MoveDialog.tsx';
import { archiveApi, archiveKey } from '../security-archive/archive-api.ts';

export interface MailboxActionsController {
  mark: (selection: Selection, change: { seen?: boolean; flagged?: boolean }, quiet?: boolean) => void;
  requestMove: (selection: Selection) => void;
  /** "Not spam": clears the spam mark ($Junk) and moves the messages to INBOX (decision 0034). */
  notSpam: (selection: Selection) => void;
  remove: (selection: Selection) => void;
  empty: (folder: Folder) => void;
  /** Deletes from the security archive for good, after a confirmation (decision 0035). */
  removeArchived: (selection: Selection) => void;
  undo: () => void;
  /** Shows a notice (new mail, folder changes). */
  notify: (text: string) => void;
  /** The dialogs and the toast region, rendered once by the mailbox. */
  overlays: React.ReactNode;
}

export function useMailboxActions(props: {
  folders: readonly Folder[];
  /** Called when messages leave the shown folder (to clear the selection, close the reader). */
  onRemoved: (folderId: string, uids: readonly number[]) => void;
}): MailboxActionsController {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { toasts, show, dismiss } = useToasts();
  const [moving, setMoving] = useState<Selection | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const lastUndo = useRef<(() => Promise<void>) | null>(null);
  const nameOf = (id: string) => {
    const folder = props.folders.find((f) => f.id === id);
    return folder === undefined ? '' : folderName(t, folder);
  };
  const fail = (error: unknown) => {
    show({ text: t('actions.failed', { problem: problemMessage(t, error) }), tone: 'error' });
  };
  const run = (work: () => Promise<void>, touched?: readonly string[]) => {
    work()
      .catch(fail)
      .finally(() => void refreshMailbox(client, touched));
  };

  /** Remembers how to move messages back, and offers it in the toast. */
  const offerUndo = (text: string, back: () => Promise<void>) => {
    lastUndo.current = back;
    show({
      text,
      action: {
        label: t('actions.undo'),
        run: () => {
          undo();
        },
      },
    });
  };

  function undo() {
    const back = lastUndo.current;
    if (back === null) return;
    lastUndo.current = null;
    run(async () => {
      await back();
      show({ text: t('actions.undone') });
    });
  }

  function moveOrCopy(selection: Selection, targetFolderId: string, copy: boolean) {
    if (!copy) {
      removeFromCache(client, selection.folderId, selection.uids);
      props.onRemoved(selection.folderId, selection.uids);
    }
    run(async () => {
      const filed = copy
        ? await actionsApi.copy(selection, targetFolderId)
        : await actionsApi.move(selection, targetFolderId);
      const count = filed.sourceUids.length;
      const folder = nameOf(targetFolderId);
      if (copy) {
        show({ text: t('actions.copied', { count, folder }) });
        return;
      }
      offerUndo(t('actions.moved', { count, folder }), async () => {
        await actionsApi.move({ folderId: filed.targetFolderId, uids: filed.targetUids }, selection.folderId);
      });
    }, [selection.folderId, targetFolderId]);
  }

  const controller: MailboxActionsController = {
    mark(selection, change, quiet = false) {
      markInCache(client, selection.folderId, selection.uids, change);
      run(
        async () => {
          await actionsApi.mark(selection, change);
        },
        quiet ? [selection.folderId] : [selection.folderId],
      );
    },
    requestMove(selection) {
      setMoving(selection);
    },
    notSpam(selection) {
      const inbox = props.folders.find((f) => f.specialUse === 'inbox');
      if (inbox === undefined) return;
      removeFromCache(client, selection.folderId, selection.uids);
      props.onRemoved(selection.folderId, selection.uids);
      run(async () => {
        await actionsApi.mark(selection, { junk: false });
        const filed = await actionsApi.move(selection, inbox.id);
        offerUndo(t('actions.notSpamDone', { count: filed.sourceUids.length }), async () => {
          const back = { folderId: filed.targetFolderId, uids: filed.targetUids };
          await actionsApi.mark(back, { junk: true });
          await actionsApi.move(back, selection.folderId);
        });
      }, [selection.folderId, inbox.id]);
    },
    remove(selection) {
      const inTrash = props.folders.find((f) => f.id === selection.folderId)?.specialUse === 'trash';
      const go = () => {
        removeFromCache(client, selection.folderId, selection.uids);
        props.onRemoved(selection.folderId, selection.uids);
        run(async () => {
          const result = await actionsApi.delete(selection);
          if (result.kind === 'expunged') {
            show({ text: t('actions.expunged', { count: result.uids.length }) });
            return;
          }
          offerUndo(t('actions.deleted', { count: result.sourceUids.length }), async () => {
            await actionsApi.move(
              { folderId: result.targetFolderId, uids: result.targetUids },
              selection.folderId,
            );
          });
        });
      };
      if (!inTrash) {
        go();
        return;
      }
      setConfirmation({
        title: t('actions.confirmDeleteTitle'),
        body: t('actions.confirmDelete', { count: selection.uids.length }),
        confirmLabel: t('actions.deleteForever'),
        run: go,
      });
    },
    empty(folder) {
      const name = folderName(t, folder);
      setConfirmation({
        title: t('actions.confirmEmptyTitle', { folder: name }),
        body: t('actions.confirmEmpty', { folder: name }),
        confirmLabel: t('actions.emptyFolder', { folder: name }),
        run: () => {
          run(async () => {
            await actionsApi.empty(folder.id);
            show({ text: t('actions.emptied', { folder: name }) });
          }, [folder.id]);
        },
      });
    },
    removeArchived(selection) {
      setConfirmation({
        title: t('securityArchive.confirmDeleteTitle'),
        body: t('securityArchive.confirmDelete', { count: selection.uids.length }),
        confirmLabel: t('securityArchive.deleteForever'),
        run: () => {
          removeFromCache(client, selection.folderId, selection.uids);
          props.onRemoved(selection.folderId, selection.uids);
          run(async () => {
            const result = await archiveApi.remove(selection.uids);
            show({ text: t('actions.expunged', { count: result.removed.length }) });
            await client.invalidateQueries({ queryKey: archiveKey });
          }, [selection.folderId]);
        },
      });
    },
    undo,
    notify(text) {
      show({ text });
    },
    overlays: (
      <>
        <MoveDialog
          selection={moving}
          folders={props.folders}
          onClose={() => {
            setMoving(null);
          }}
          onMove={(selection, target, copy) => {
            setMoving(null);
            moveOrCopy(selection, target, copy);
          }}
        />
        <ConfirmDialog
          confirmation={confirmation}
          cancelLabel={t('actions.cancel')}
          onClose={() => {
            setConfirmation(null);
          }}
        />
        <ToastRegion toasts={toasts} dismiss={dismiss} dismissLabel={t('actions.dismiss')} />
      </>
    ),
  };
  return controller;
}
