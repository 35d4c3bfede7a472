// The search form of the administrative screens (boxes, audit trail, log register, the console's
// boxes): one labelled search box, optional filter selects, a submit button; it hands the trimmed
// text to `onSearch` when submitted, so a list is not re-fetched at every key.
import { useState, type ReactNode, type SubmitEvent } from 'react';

export function AdminSearchForm(props: {
  /** The search box's id; the filters pass their own. */
  id: string;
  label: string;
  buttonLabel: string;
  onSearch: (text: string) => void;
  children?: ReactNode;
}) {
  const { id, label, buttonLabel, onSearch, children } = props;
  const [text, setText] = useState('');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(text.trim());
  }

  return (
    <form className="admin-filters" role="search" onSubmit={submit}>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="search"
        placeholder={label}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
        }}
      />
      {children}
      <button type="submit" className="button">
        {buttonLabel}
      </button>
    </form>
  );
}

/** A labelled filter select inside AdminSearchForm; it applies as soon as it changes. */
export function AdminFilterSelect<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: readonly T[];
  optionLabel: (value: T) => string;
  onChange: (value: T) => void;
}) {
  const { id, label, value, options, optionLabel, onChange } = props;
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          onChange(event.target.value as T);
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </>
  );
}
