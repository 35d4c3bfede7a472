// A folder's name in the navigation: a nested folder of the holder's ("Clienti/Rossi") shows its
// last level, indented by its depth; the full name stays its accessible name and tooltip.
const delimiter = '/';

export function FolderLabel({ name, own }: { name: string; own: boolean }) {
  const levels = own ? name.split(delimiter) : [name];
  if (levels.length < 2)
    return (
      <span className="folder-name" title={name}>
        {name}
      </span>
    );
  return (
    <span
      className="folder-name"
      title={name}
      style={{ paddingLeft: `${String((levels.length - 1) * 14)}px` }}
    >
      <span className="visually-hidden">{name}</span>
      <span aria-hidden="true">{levels.at(-1)}</span>
    </span>
  );
}
