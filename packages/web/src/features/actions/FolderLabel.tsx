// A folder's name in the navigation: a nested folder of the holder's ("Clienti/Rossi") shows its
// last level, indented by its depth; the full name stays its accessible name and tooltip.
const delimiter = '/';

export function FolderLabel({ name, own }: { name: string; own: boolean }) {
  const levels = own ? name.split(delimiter) : [name];
  const last = levels.at(-1) ?? name;
  const parents = levels.slice(0, -1).join(delimiter);
  return (
    <span
      className="folder-name"
      title={name}
      style={levels.length > 1 ? { paddingLeft: `${String((levels.length - 1) * 14)}px` } : undefined}
    >
      {parents !== '' && <span className="visually-hidden">{`${parents}${delimiter}`}</span>}
      {last}
    </span>
  );
}
