// The table of the administrative lists: one header cell a column, and each body cell labelled with
// its column's name (`data-label`), which the phone layout shows beside the value (admin.css).
import type { ReactNode } from 'react';

export interface AdminColumn<Row> {
  readonly label: string;
  readonly className?: string;
  readonly cell: (row: Row) => ReactNode;
}

export function AdminTable<Row>(props: {
  columns: readonly AdminColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
}) {
  const { columns, rows, rowKey } = props;
  return (
    <div className="admin-table-wrap">
      <table className="admin-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.label} data-label={column.label} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
