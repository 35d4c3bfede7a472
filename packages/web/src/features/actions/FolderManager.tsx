// The holder's own folders: create (nested with "/"), rename, delete after a confirmation. The
// standard folders are not offered (the server refuses them too).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { actionsApi } from '../../api/actions.ts';
import type { Folder } from '../../api/contract.ts';
import { ConfirmDialog, type Confirmation } from '../../ui/ConfirmDialog.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { refreshMailbox } from './cache.ts';

export function FolderManager(props: {
  open: boolean;
  folders: readonly Folder[];
  onClose: () => void;
  notify: (text: string) => void;
  /** The folder went away (deleted): leave it if it is shown. */
  onDeleted: (folderId: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const own = props.folders.filter((f) => f.specialUse === null).sort((a, b) => a.name.localeCompare(b.name));

  const attempt = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(problemMessage(t, caught));
      return false;
    } finally {
      await refreshMailbox(client, []);
    }
  };

  function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = new FormData(form).get('name');
    if (typeof name !== 'string' || name.trim() === '') return;
    void attempt(async () => {
      const folder = await actionsApi.createFolder(name.trim());
      props.notify(t('actions.folderCreated', { folder: folder.name }));
      form.reset();
    });
  }

  function rename(event: SubmitEvent<HTMLFormElement>, folder: Folder) {
    event.preventDefault();
    const name = new FormData(event.currentTarget).get('name');
    if (typeof name !== 'string' || name.trim() === '' || name.trim() === folder.name) {
      setRenaming(null);
      return;
    }
    void attempt(async () => {
      const renamed = await actionsApi.renameFolder(folder.id, name.trim());
      props.notify(t('actions.folderRenamed', { folder: renamed.name }));
    }).then((done) => {
      if (done) setRenaming(null);
    });
  }

  function remove(folder: Folder) {
    setConfirmation({
      title: t('actions.confirmDeleteFolderTitle', { folder: folder.name }),
      body: t('actions.confirmDeleteFolder'),
      confirmLabel: t('actions.deleteFolder', { folder: folder.name }),
      run: () => {
        void attempt(async () => {
          await actionsApi.deleteFolder(folder.id);
          props.onDeleted(folder.id);
          props.notify(t('actions.folderDeleted', { folder: folder.name }));
        });
      },
    });
  }

  return (
    <>
      <Dialog
        open={props.open}
        title={t('actions.foldersTitle')}
        closeLabel={t('actions.dismiss')}
        onClose={props.onClose}
      >
        <p className="dialog-hint">{t('actions.foldersIntro')}</p>
        <form className="folder-create" onSubmit={create}>
          <label className="field">
            <span>{t('actions.newFolder')}</span>
            <input name="name" type="text" maxLength={255} autoComplete="off" required />
          </label>
          <button type="submit" className="button primary">
            <Icon name="plus" size={18} />
            {t('actions.createFolder')}
          </button>
        </form>
        {error !== null && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        {own.length === 0 ? (
          <p className="pane-note">{t('actions.noOwnFolders')}</p>
        ) : (
          <ul className="own-folders">
            {own.map((folder) => (
              <li key={folder.id}>
                {renaming === folder.id ? (
                  <form
                    className="folder-rename"
                    onSubmit={(event) => {
                      rename(event, folder);
                    }}
                  >
                    <label className="visually-hidden" htmlFor={`rename-${folder.id}`}>
                      {t('actions.renameFolder', { folder: folder.name })}
                    </label>
                    <input
                      id={`rename-${folder.id}`}
                      name="name"
                      type="text"
                      defaultValue={folder.name}
                      maxLength={255}
                    />
                    <button type="submit" className="button">
                      {t('actions.renameSubmit')}
                    </button>
                  </form>
                ) : (
                  <>
                    <Icon name="folder" size={18} />
                    <span className="own-folder-name">{folder.name}</span>
                    <button
                      type="button"
                      className="icon-button"
                      title={t('actions.renameFolder', { folder: folder.name })}
                      onClick={() => {
                        setRenaming(folder.id);
                      }}
                    >
                      <Icon name="edit" size={18} />
                      <span className="visually-hidden">
                        {t('actions.renameFolder', { folder: folder.name })}
                      </span>
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      title={t('actions.deleteFolder', { folder: folder.name })}
                      onClick={() => {
                        remove(folder);
                      }}
                    >
                      <Icon name="trash" size={18} />
                      <span className="visually-hidden">
                        {t('actions.deleteFolder', { folder: folder.name })}
                      </span>
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Dialog>
      <ConfirmDialog
        confirmation={confirmation}
        cancelLabel={t('actions.cancel')}
        onClose={() => {
          setConfirmation(null);
        }}
      />
    </>
  );
}

/** The "Manage folders" button under the folder list, with its dialog. */
export function ManageFolders(props: {
  folders: readonly Folder[];
  currentFolderId: string | null;
  notify: (text: string) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button ghost manage-folders"
        onClick={() => {
          setOpen(true);
        }}
      >
        <Icon name="folderCog" size={18} />
        {t('actions.manageFolders')}
      </button>
      <FolderManager
        open={open}
        folders={props.folders}
        onClose={() => {
          setOpen(false);
        }}
        notify={props.notify}
        onDeleted={(deleted) => {
          if (deleted === props.currentFolderId) void navigate('/');
        }}
      />
    </>
  );
}
