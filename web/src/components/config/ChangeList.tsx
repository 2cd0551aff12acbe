import { DataTable } from '../DataTable';
import type { ConfigChange } from './types';

const WORD = { added: 'added', changed: 'changed', removed: 'removed' } as const;
const TONE = { added: 'badge-ok', changed: 'badge-busy', removed: 'badge-bad' } as const;

/** A config diff as a table: name, what happened (in words, not colour alone), before and after. Secrets arrive masked. */
export function ChangeList({ changes, caption, testId }: { changes: ConfigChange[]; caption: string; testId?: string }) {
  if (changes.length === 0) return <p className="muted" data-testid={testId}>No differences.</p>;
  return (
    <DataTable testId={testId} className="config-changes" caption={caption} rows={changes} rowKey={(c) => c.name}
      rowData={(c) => ({ 'data-change': c.change })} columns={[
        { label: 'Name', cell: (c) => (
          <>
            <code>{c.name}</code>
            {c.secret && <span className="badge">secret</span>}
          </>
        ) },
        { label: 'Change', cell: (c) => <span className={`badge ${TONE[c.change]}`}>{WORD[c.change]}</span> },
        { label: 'Before', cell: (c) => <Value value={c.from} /> },
        { label: 'After', cell: (c) => <Value value={c.to} /> },
      ]} />
  );
}

function Value({ value }: { value: string | null | undefined }) {
  // The server leaves out a side that does not exist (null).
  if (value == null) return <span className="muted">—</span>;
  if (value === '') return <span className="muted">(empty)</span>;
  return <code className="config-value">{value}</code>;
}
