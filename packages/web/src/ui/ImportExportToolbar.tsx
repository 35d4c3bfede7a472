// The toolbar of a list kept in a standard file (contacts in .vcf, the calendar in .ics): add one,
// import a file (read as text by the caller), export the whole list.
import { Icon } from './Icon.tsx';

export function ImportExportToolbar(props: {
  addLabel: string;
  onAdd: () => void;
  importLabel: string;
  /** The file picker's `accept`. */
  accept: string;
  onImport: (file: File) => void;
  exportLabel: string;
  exportUrl: string;
  exportName: string;
}) {
  return (
    <div className="contacts-toolbar">
      <button type="button" className="button button-primary" onClick={props.onAdd}>
        <Icon name="plus" size={18} />
        {props.addLabel}
      </button>
      <label className="button contacts-import">
        <Icon name="archive" size={18} />
        {props.importLabel}
        <input
          type="file"
          accept={props.accept}
          className="visually-hidden"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file !== undefined) props.onImport(file);
            e.target.value = '';
          }}
        />
      </label>
      <a className="button" href={props.exportUrl} download={props.exportName}>
        <Icon name="download" size={18} />
        {props.exportLabel}
      </a>
    </div>
  );
}
