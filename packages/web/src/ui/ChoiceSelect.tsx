// A select named by `aria-label` (it sits in a row without a visible label) over a fixed list of
// choices, each a value and the words shown for it.
export function ChoiceSelect<Value extends string>(props: {
  label: string;
  value: Value;
  choices: readonly (readonly [Value, string])[];
  onChange: (value: Value) => void;
}) {
  return (
    <select
      aria-label={props.label}
      value={props.value}
      onChange={(e) => {
        props.onChange(e.target.value as Value);
      }}
    >
      {props.choices.map(([value, words]) => (
        <option key={value} value={value}>
          {words}
        </option>
      ))}
    </select>
  );
}
