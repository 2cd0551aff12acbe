import type { Key, ReactNode } from 'react';

/** One column: its header and what each row shows under it. */
export interface Column<R> {
  label: string;
  cell: (row: R, index: number) => ReactNode;
  /** The header is for screen readers only (an Actions column); the cells keep the label for the narrow layout. */
  hideLabel?: boolean;
  /** Class of the header and of each cell, such as `num` for figures aligned right. */
  className?: string;
  /** Tooltip of a row's cell. */
  title?: (row: R) => string | undefined;
}

interface Props<R> {
  testId?: string;
  /** A class beside `table`, for a table styled its own way. */
  className?: string;
  /** Names the table for screen readers. */
  caption?: string;
  /** `false` leaves a column out, as in `manage && { label: 'Actions', … }`. */
  columns: (Column<R> | false)[];
  rows: readonly R[];
  rowKey: (row: R) => Key;
  /** The data- attributes of a row that tests look for. */
  rowData?: (row: R) => Record<`data-${string}`, string>;
}

/**
 * A table whose cells repeat their column's label in `data-label`: on a narrow screen the CSS shows each row as a
 * card and those labels beside the values.
 */
export function DataTable<R>({ testId, className, caption, columns, rows, rowKey, rowData }: Props<R>) {
  const shown = columns.filter((c): c is Column<R> => c !== false);
  return (
    <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
      {caption && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {shown.map((c) => (
            <th key={c.label} scope="col" className={c.className}>
              {c.hideLabel ? <span className="visually-hidden">{c.label}</span> : c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row)} {...rowData?.(row)}>
            {shown.map((c) => (
              <td key={c.label} data-label={c.label} className={c.className} title={c.title?.(row)}>
                {c.cell(row, i)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
