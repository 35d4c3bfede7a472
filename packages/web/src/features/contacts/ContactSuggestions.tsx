// The composer's recipient autocomplete: a <datalist> of the address book's addresses matching what
// is typed (name or address prefix), PEC addresses first, each labelled with its contact's name.
import { useTranslation } from 'react-i18next';
import { useContactSuggestions } from './contacts-api.ts';

export function ContactSuggestions(props: { id: string; text: string }) {
  const { t } = useTranslation();
  const suggestions = useContactSuggestions(props.text).data?.suggestions ?? [];
  return (
    <datalist id={props.id}>
      {suggestions.map((s) => (
        <option key={s.address} value={s.address}>
          {s.pec || s.inIndex ? `${s.name} · ${t('contacts.pec')}` : s.name}
        </option>
      ))}
    </datalist>
  );
}
