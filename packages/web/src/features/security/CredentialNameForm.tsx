// The one-field form that adds a named credential (a passkey on this device, an app password): the
// name (the form's `name` field, up to 60 characters) with its hint, and the submit button.
import type { SubmitEvent } from 'react';

export function CredentialNameForm(props: {
  /** The name input's id; its hint's is `<id>-hint`. */
  id: string;
  label: string;
  hint: string;
  submitLabel: string;
  busy?: boolean;
  onSubmit: (event: SubmitEvent<HTMLFormElement>) => void;
}) {
  const hintId = `${props.id}-hint`;
  return (
    <form className="inline-form" onSubmit={props.onSubmit}>
      <div className="field">
        <label htmlFor={props.id}>{props.label}</label>
        <input id={props.id} name="name" type="text" maxLength={60} required aria-describedby={hintId} />
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      </div>
      <button type="submit" className="button primary" disabled={props.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
