// The "Calendar" entry under the folders, opening the calendar (/calendar).
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Icon } from '../../ui/Icon.tsx';

export function CalendarLink(props: { onNavigate: () => void }) {
  const { t } = useTranslation();
  return (
    <li>
      <NavLink to="/calendar" className="folder-link" onClick={props.onNavigate}>
        <Icon name="calendar" size={18} />
        <span className="folder-name">{t('calendar.navLink')}</span>
      </NavLink>
    </li>
  );
}
