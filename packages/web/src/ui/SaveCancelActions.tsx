// The two buttons closing an edit form: save (submits the form) and cancel.
export function SaveCancelActions(props: { saveLabel: string; cancelLabel: string; onCancel: () => void }) {
  return (
    <div className="contact-form-actions">
      <button type="submit" className="button button-primary">
        {props.saveLabel}
      </button>
      <button type="button" className="button" onClick={props.onCancel}>
        {props.cancelLabel}
      </button>
    </div>
  );
}
