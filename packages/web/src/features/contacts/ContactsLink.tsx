// The "Contacts" entry under the folders, opening the address book (/contacts).
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Icon } from '../../ui/Icon.tsx';

export function ContactsLink(props: { onNavigate: () => void }) {
  const { t } = useTranslation();
  return (
    <li>
      <NavLink to="/contacts" className="folder-link" onClick={props.onNavigate}>
        <Icon name="contacts" size={18} />
        <span className="folder-name">{t('contacts.navLink')}</span>
      </NavLink>
    </li>
  );
}
