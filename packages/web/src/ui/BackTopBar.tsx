// The top bar of a page reached from the mailbox (contacts, calendar, dashboard, notices, scheduled,
// settings): a link back to the mail, the brand, the language and the theme. A page below a hub
// (a settings section) adds a link up to the hub; the stylesheet shows one of the two on a phone.
import { Link } from 'react-router';
import { BrandMark } from './Brand.tsx';
import { Icon } from './Icon.tsx';
import { LanguageSelect, ThemeToggle } from './Preferences.tsx';

export interface UpLink {
  readonly to: string;
  readonly label: string;
}

export function BackTopBar({ backLabel, up }: { readonly backLabel: string; readonly up?: UpLink }) {
  return (
    <header className="topbar">
      <Link to="/" className={up === undefined ? 'button back-link' : 'button back-link settings-to-mail'}>
        <Icon name="back" size={18} />
        <span>{backLabel}</span>
      </Link>
      {up !== undefined && (
        <Link to={up.to} className="button back-link settings-up">
          <Icon name="back" size={18} />
          <span>{up.label}</span>
        </Link>
      )}
      <span className="topbar-brand">
        <BrandMark size={28} />
      </span>
      <span className="topbar-spacer" />
      <LanguageSelect compact />
      <ThemeToggle />
    </header>
  );
}
