// One recipient field ("To" or "Cc"): addresses become chips on Enter, comma, semicolon, space or
// leaving the field; each chip says when it is not an address or not a PEC domain (providers' index).
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecipientCheck } from '../../api/contract.ts';
import { Icon } from '../../ui/Icon.tsx';
import { ContactSuggestions } from '../contacts/ContactSuggestions.tsx';
import { looksLikeAddress, splitAddresses } from './compose-form.ts';

export function RecipientField(props: {
  label: string;
  addresses: string[];
  checks: ReadonlyMap<string, RecipientCheck>;
  onChange: (addresses: string[]) => void;
  invalid: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { addresses, onChange } = props;
  const [text, setText] = useState('');
  const id = useId();

  const commit = (value: string) => {
    const added = splitAddresses(value).filter(
      (address) => !addresses.some((known) => known.toLowerCase() === address.toLowerCase()),
    );
    if (added.length > 0) onChange([...addresses, ...added]);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === 'Enter' || event.key === ',' || event.key === ';') && text.trim() !== '') {
      event.preventDefault();
      commit(text);
    } else if (event.key === 'Backspace' && text === '' && addresses.length > 0) {
      onChange(addresses.slice(0, -1));
    }
  };

  return (
    <div className="recipient-field">
      <label htmlFor={id} className="cf-label">
        {props.label}
      </label>
      <div className="chips" data-invalid={props.invalid}>
        <ul className="chip-list" aria-label={t('compose.chips', { field: props.label })}>
          {addresses.map((address) => {
            const check = props.checks.get(address.toLowerCase());
            const state =
              !looksLikeAddress(address) || check?.valid === false
                ? 'invalid'
                : check?.kind === 'not-in-index'
                  ? 'warning'
                  : 'ok';
            return (
              <li key={address} className="chip" data-state={state}>
                {state !== 'ok' && <Icon name={state === 'invalid' ? 'close' : 'junk'} size={14} />}
                <span className="chip-text">{address}</span>
                {state !== 'ok' && (
                  <span className="visually-hidden">
                    {state === 'invalid' ? t('compose.invalidChip') : t('compose.notInIndexChip')}
                  </span>
                )}
                <button
                  type="button"
                  className="chip-remove"
                  title={t('compose.remove', { address })}
                  onClick={() => {
                    onChange(addresses.filter((a) => a !== address));
                  }}
                >
                  <Icon name="close" size={14} />
                  <span className="visually-hidden">{t('compose.remove', { address })}</span>
                </button>
              </li>
            );
          })}
        </ul>
        <input
          id={id}
          type="text"
          inputMode="email"
          autoComplete="off"
          list={`${id}-contacts`}
          autoFocus={props.autoFocus}
          value={text}
          aria-invalid={props.invalid}
          onChange={(event) => {
            const value = event.target.value;
            // Pasting "a@x.it, b@y.it" makes chips at once.
            if (/[,;\s]/.test(value) && splitAddresses(value).length > 0 && /[,;\s]$/.test(value))
              commit(value);
            else setText(value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (text.trim() !== '') commit(text);
          }}
        />
        <ContactSuggestions id={`${id}-contacts`} text={text} />
      </div>
    </div>
  );
}
