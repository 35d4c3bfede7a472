// Choose where to move or copy the selected messages: the mailbox's folders but the current one.
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Selection } from '../../api/actions.ts';
import type { Folder } from '../../api/contract.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { folderName, sortFolders } from '../mailbox/folders.ts';

export function MoveDialog(props: {
  selection: Selection | null;
  folders: readonly Folder[];
  onClose: () => void;
  onMove: (selection: Selection, targetFolderId: string, copy: boolean) => void;
}) {
  const { t } = useTranslation();
  const { selection } = props;
  const targets = sortFolders(props.folders).filter((f) => f.id !== selection?.folderId);
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    // The button pressed says move or copy (FormData with the submitter, HTML §4.10.21.4).
    const form = new FormData(event.currentTarget, event.nativeEvent.submitter);
    const target = form.get('target');
    if (selection !== null && typeof target === 'string')
      props.onMove(selection, target, form.get('mode') === 'copy');
  }
  return (
    <Dialog
      open={selection !== null}
      title={t('actions.moveTitle')}
      closeLabel={t('actions.cancel')}
      onClose={props.onClose}
    >
      <form className="move-form" onSubmit={submit}>
        <label className="field">
          <span>{t('actions.moveTo')}</span>
          <select name="target" key={selection?.folderId ?? ''} defaultValue={targets[0]?.id}>
            {targets.map((folder) => (
              <option key={folder.id} value={folder.id}>
                {folderName(t, folder)}
              </option>
            ))}
          </select>
        </label>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose}>
            {t('actions.cancel')}
          </button>
          <button type="submit" name="mode" value="copy" className="button">
            {t('actions.copySubmit')}
          </button>
          <button type="submit" name="mode" value="move" className="button primary">
            {t('actions.moveSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
