import type { ConfigChange } from './types';

const WORD = { added: 'added', changed: 'changed', removed: 'removed' } as const;
const TONE = { added: 'badge-ok', changed: 'badge-busy', removed: 'badge-bad' } as const;

/** A config diff as a table: name, what happened (in words, not colour alone), before and after. Secrets arrive masked. */
export function ChangeList({ changes, caption, testId }: { changes: ConfigChange[]; caption: string; testId?: string }) {
  if (changes.length === 0) return <p className="muted" data-testid={testId}>No differences.</p>;
  return (
    <table className="table config-changes" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Change</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.name} data-change={c.change}>
            <td data-label="Name">
              <code>{c.name}</code>
              {c.secret && <span className="badge">secret</span>}
            </td>
            <td data-label="Change">
              <span className={`badge ${TONE[c.change]}`}>{WORD[c.change]}</span>
            </td>
            <td data-label="Before"><Value value={c.from} /></td>
            <td data-label="After"><Value value={c.to} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Value({ value }: { value: string | null | undefined }) {
  // The server leaves out a side that does not exist (null).
  if (value == null) return <span className="muted">—</span>;
  if (value === '') return <span className="muted">(empty)</span>;
  return <code className="config-value">{value}</code>;
}
