// The "Scheduled" entry under the folders: a virtual folder opening the Scheduled screen, with the
// number of messages still waiting (shown only when there are some).
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { formatCount } from '../../i18n/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { useScheduled } from './scheduled-api.ts';
import '../../styles/scheduled.css';

export function ScheduledFolderLink(props: { onNavigate: () => void }) {
  const { t, i18n } = useTranslation();
  const waiting = (useScheduled().data?.scheduled ?? []).filter(
    (s) => s.status === 'scheduled' || s.status === 'sending',
  ).length;
  return (
    <li>
      <NavLink to="/scheduled" className="folder-link" onClick={props.onNavigate}>
        <Icon name="clock" size={18} />
        <span className="folder-name">{t('scheduled.title')}</span>
        {waiting > 0 && <span className="folder-count">{formatCount(waiting, i18n.language)}</span>}
      </NavLink>
    </li>
  );
}
