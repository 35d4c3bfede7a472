// The toolbar over the list: select all, then what applies to the selected messages (or the open
// one): read/unread, flag, move, delete; "Empty" in Trash and Spam. Icon buttons carry their name
// (visually hidden) and a tooltip. The security archive is read-only: only deleting for good, and
// only when the holder allowed it (decision 0035).
import { useTranslation } from 'react-i18next';
import './actions.css';
import type { Folder, MessageSummary } from '../../api/contract.ts';
import { Icon, type IconName } from '../../ui/Icon.tsx';
import { folderName } from '../mailbox/folders.ts';
import type { MailboxActionsController } from './useMailboxActions.tsx';

export function ToolButton(props: {
  icon: IconName;
  label: string;
  onClick: () => void;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={`icon-button ${props.className ?? ''}`}
      title={props.label}
      onClick={props.onClick}
    >
      <Icon name={props.icon} />
      <span className="visually-hidden">{props.label}</span>
    </button>
  );
}

export function ActionToolbar(props: {
  folder: Folder | undefined;
  loadedCount: number;
  /** In the security archive, whether the holder allowed deleting from it (decision 0035). */
  archiveDeletable?: boolean;
  actions: {
    /** The messages actions apply to: the ticked ones, else the open one. */
    targets: readonly MessageSummary[];
    ticked: readonly MessageSummary[];
    selection: { selectAll: (all: boolean) => void };
    controller: MailboxActionsController;
  };
}) {
  const { t } = useTranslation();
  const { folder } = props;
  const { targets, controller } = props.actions;
  const selectedCount = props.actions.ticked.length;
  const allSelected = props.loadedCount > 0 && selectedCount === props.loadedCount;
  if (folder === undefined) return null;
  const selection = { folderId: folder.id, uids: targets.map((m) => m.uid) };
  const allSeen = targets.every((m) => m.flags.includes('seen'));
  const allFlagged = targets.every((m) => m.flags.includes('flagged'));
  const emptiable = folder.specialUse === 'trash' || folder.specialUse === 'junk';
  return (
    <div className="action-toolbar" role="toolbar" aria-label={t('actions.toolbar')}>
      <label className="check compact select-all" title={t('actions.selectAll')}>
        <input
          type="checkbox"
          checked={allSelected}
          onChange={(event) => {
            props.actions.selection.selectAll(event.target.checked);
          }}
        />
        <span className="visually-hidden">{t('actions.selectAll')}</span>
      </label>
      {selectedCount > 0 && (
        <span className="selected-count">{t('actions.selected', { count: selectedCount })}</span>
      )}
      {targets.length > 0 && folder.specialUse === 'security-archive' && props.archiveDeletable === true && (
        <ToolButton
          icon="trash"
          label={t('securityArchive.delete')}
          onClick={() => {
            controller.removeArchived(selection);
          }}
        />
      )}
      {targets.length > 0 && folder.specialUse !== 'security-archive' && (
        <>
          <ToolButton
            icon={allSeen ? 'mail' : 'mailOpen'}
            label={allSeen ? t('actions.markUnread') : t('actions.markRead')}
            onClick={() => {
              controller.mark(selection, { seen: !allSeen });
            }}
          />
          <ToolButton
            icon={allFlagged ? 'flagOff' : 'flag'}
            label={allFlagged ? t('actions.unflag') : t('actions.flag')}
            onClick={() => {
              controller.mark(selection, { flagged: !allFlagged });
            }}
          />
          <ToolButton
            icon="move"
            label={t('actions.move')}
            onClick={() => {
              controller.requestMove(selection);
            }}
          />
          <ToolButton
            icon="trash"
            label={folder.specialUse === 'trash' ? t('actions.deleteForever') : t('actions.delete')}
            onClick={() => {
              controller.remove(selection);
            }}
          />
        </>
      )}
      {emptiable && folder.total > 0 && (
        <button
          type="button"
          className="button ghost empty-folder"
          onClick={() => {
            controller.empty(folder);
          }}
        >
          {t('actions.emptyFolder', { folder: folderName(t, folder) })}
        </button>
      )}
    </div>
  );
}
