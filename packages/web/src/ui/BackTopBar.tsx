// The top bar of a page reached from the mailbox (contacts, calendar, dashboard, notices, scheduled,
// ordinary-mail settings): a link back to the mail, the brand, the language and the theme.
import { Link } from 'react-router';
import { BrandMark } from './Brand.tsx';
import { Icon } from './Icon.tsx';
import { LanguageSelect, ThemeToggle } from './Preferences.tsx';

export function BackTopBar({ backLabel }: { readonly backLabel: string }) {
  return (
    <header className="topbar">
      <Link to="/" className="button back-link">
        <Icon name="back" size={18} />
        <span>{backLabel}</span>
      </Link>
      <span className="topbar-brand">
        <BrandMark size={28} />
      </span>
      <span className="topbar-spacer" />
      <LanguageSelect compact />
      <ThemeToggle />
    </header>
  );
}
