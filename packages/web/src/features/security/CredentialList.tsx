// The list of a holder's named credentials (passkeys, app passwords): each with its name, when it
// was added and last used, and a button that removes it by name.
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';

interface Credential<Id> {
  readonly id: Id;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

export function CredentialList<Id extends string | number>(props: {
  items: readonly Credential<Id>[];
  removeLabel: string;
  /** The remove button's accessible name for a credential's name. */
  removeNamed: (name: string) => string;
  onRemove: (id: Id) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="settings-list">
      {props.items.map((item) => (
        <li key={item.id} className="settings-item">
          <div className="settings-item-main">
            <strong>{item.name}</strong>
            <span className="meta">
              {t('security.created', { date: formatFullDate(item.createdAt, i18n.language) })} ·{' '}
              {item.lastUsedAt === null
                ? t('security.neverUsed')
                : t('security.lastUsed', { date: formatFullDate(item.lastUsedAt, i18n.language) })}
            </span>
          </div>
          <button
            type="button"
            className="button"
            aria-label={props.removeNamed(item.name)}
            onClick={() => {
              props.onRemove(item.id);
            }}
          >
            {props.removeLabel}
          </button>
        </li>
      ))}
    </ul>
  );
}
