// The folder navigation: special-use folders first, unread counts, the current one marked.
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Folder } from '../../api/contract.ts';
import { formatCount } from '../../i18n/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { FolderLabel } from '../actions/FolderLabel.tsx';
import { folderIcon, folderName } from './folders.ts';
import { ScheduledFolderLink } from '../scheduled/ScheduledFolderLink.tsx';
import { ContactsLink } from '../contacts/ContactsLink.tsx';
import { CalendarLink } from '../calendar/CalendarLink.tsx';

export function FolderList(props: {
  folders: readonly Folder[] | undefined;
  error: unknown;
  onNavigate: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { folders, error, onNavigate } = props;
  if (error !== null && error !== undefined) return <p className="pane-note">{problemMessage(t, error)}</p>;
  if (folders === undefined) return <p className="pane-note">{t('app.loading')}</p>;
  return (
    <ul className="folder-list">
      {folders.map((folder) => (
        <li key={folder.id}>
          <NavLink to={`/f/${encodeURIComponent(folder.id)}`} className="folder-link" onClick={onNavigate}>
            <Icon name={folderIcon(folder)} size={18} />
            <FolderLabel name={folderName(t, folder)} own={folder.specialUse === null} />
            {folder.unread > 0 && (
              <span className="folder-unread">
                <span aria-hidden="true">{formatCount(folder.unread, i18n.language)}</span>
                <span className="visually-hidden">{t('folders.unread', { count: folder.unread })}</span>
              </span>
            )}
          </NavLink>
        </li>
      ))}
      <ScheduledFolderLink onNavigate={onNavigate} />
      <ContactsLink onNavigate={onNavigate} />
      <CalendarLink onNavigate={onNavigate} />
    </ul>
  );
}
