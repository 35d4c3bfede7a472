// The holder's preference to leave receipts and notices out of message lists; they stay in the
// folder (INBOX, as the rules and mail clients expect) and in each sent message's dossier.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const storageKey = 'pec.hideReceipts';

function saved(): boolean {
  try {
    return localStorage.getItem(storageKey) === '1';
  } catch {
    return false;
  }
}

export function useHideReceipts(): [boolean, (hide: boolean) => void] {
  const [hide, setHide] = useState(saved);
  return [
    hide,
    (next) => {
      setHide(next);
      try {
        localStorage.setItem(storageKey, next ? '1' : '0');
      } catch {
        // Private browsing without storage: the choice lasts for this page only.
      }
    },
  ];
}

export function HideReceiptsToggle(props: { checked: boolean; onChange: (hide: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <label className="check compact">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(event) => {
          props.onChange(event.target.checked);
        }}
      />
      <span>{t('pec.hideReceipts')}</span>
    </label>
  );
}
