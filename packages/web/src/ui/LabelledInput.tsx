// A text input or a text area inside its label, holding a string the caller keeps: `onChange`
// gets the new text. Other attributes pass to the control as given.
import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react';

type Controlled<Attributes> = Omit<Attributes, 'value' | 'onChange'> & {
  label: string;
  value: string;
  onChange: (value: string) => void;
};

export function LabelledInput({
  label,
  value,
  onChange,
  ...rest
}: Controlled<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <label>
      {label}
      <input
        {...rest}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </label>
  );
}

export function LabelledTextarea({
  label,
  value,
  onChange,
  ...rest
}: Controlled<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return (
    <label>
      {label}
      <textarea
        {...rest}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </label>
  );
}
