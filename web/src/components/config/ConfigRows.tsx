import { Eye, EyeOff, Undo2, Trash2 } from 'lucide-react';
import { dirtyRows, isInherited, type Kind, type Row } from './model';
import { MASK } from './types';

export interface RevealState {
  values: Record<string, string>;
  errors: Record<string, string>;
  busy: string | null;
}

interface Props {
  rows: Row[];
  errors: Record<string, string>;
  reveal: RevealState;
  onEdit: (key: string, change: Partial<Pick<Row, 'name' | 'kind' | 'value' | 'removed'>>) => void;
  onDrop: (key: string) => void;
  onReveal: (name: string) => void;
  onHide: (name: string) => void;
}

const SOURCE = { env: 'this environment', default: 'app-wide default', override: 'this environment (overrides the app-wide default)' } as const;

/** The editable table of vars and secrets; each control is labelled by its row's name. */
export function ConfigRows({ rows, errors, reveal, onEdit, onDrop, onReveal, onHide }: Props) {
  const dirty = new Set(dirtyRows(rows).map((r) => r.key));
  let newCount = 0;
  return (
    <table className="table config-rows" data-testid="config-rows">
      <caption className="visually-hidden">Config vars and secrets</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Value</th>
          <th scope="col">Comes from</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const label = row.original ? row.name : `new entry ${++newCount}`;
          const error = errors[row.key];
          const errorId = `${row.key}-error`;
          const invalid = error ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
          const existingSecret = row.original?.kind === 'secret';
          const revealed = reveal.values[row.name];
          return (
            <tr key={row.key} data-testid={`config-row-${row.original ? row.name : row.key}`}
              className={row.removed ? 'config-removed' : dirty.has(row.key) ? 'config-dirty' : undefined}>
              <td data-label="Name">
                {row.original ? (
                  <code className="config-name">{row.name}</code>
                ) : (
                  <>
                    <label className="visually-hidden" htmlFor={`${row.key}-name`}>Name of {label}</label>
                    <input id={`${row.key}-name`} className="config-name-input" value={row.name} spellCheck={false} autoComplete="off"
                      onChange={(e) => onEdit(row.key, { name: e.target.value })} {...invalid} />
                  </>
                )}
                {dirty.has(row.key) && <span className="badge badge-busy">{row.removed ? 'to remove' : row.original ? 'edited' : 'new'}</span>}
              </td>
              <td data-label="Kind">
                <label className="visually-hidden" htmlFor={`${row.key}-kind`}>Kind of {label}</label>
                <select id={`${row.key}-kind`} value={row.kind} disabled={row.removed} onChange={(e) => onEdit(row.key, { kind: e.target.value as Kind })}>
                  <option value="var">variable</option>
                  <option value="secret">secret</option>
                </select>
              </td>
              <td data-label="Value" className="config-value-cell">
                {row.removed ? (
                  <span className="muted">will be removed</span>
                ) : (
                  <>
                    <label className="visually-hidden" htmlFor={`${row.key}-value`}>
                      {existingSecret && row.kind === 'secret' ? `New value of ${label}` : `Value of ${label}`}
                    </label>
                    <input id={`${row.key}-value`} className="config-value-input" value={row.value} spellCheck={false}
                      type={row.kind === 'secret' ? 'password' : 'text'} autoComplete={row.kind === 'secret' ? 'new-password' : 'off'}
                      placeholder={existingSecret && row.kind === 'secret' ? `${MASK} (unchanged)` : undefined}
                      onChange={(e) => onEdit(row.key, { value: e.target.value })} {...invalid} />
                    {existingSecret && (
                      <div className="config-reveal">
                        {revealed !== undefined ? (
                          <>
                            <code className="config-value" data-testid={`revealed-${row.name}`}>{revealed}</code>
                            <button type="button" className="btn btn-small" onClick={() => onHide(row.name)} aria-label={`Hide ${row.name}`}>
                              <EyeOff size={14} aria-hidden="true" /> Hide
                            </button>
                          </>
                        ) : (
                          <button type="button" className="btn btn-small" disabled={reveal.busy === row.name}
                            onClick={() => onReveal(row.name)} aria-label={`Reveal ${row.name}`}>
                            <Eye size={14} aria-hidden="true" /> Reveal
                          </button>
                        )}
                        {reveal.errors[row.name] && (
                          <span className="field-error" role="alert" data-testid={`reveal-error-${row.name}`}>{reveal.errors[row.name]}</span>
                        )}
                      </div>
                    )}
                  </>
                )}
                {error && <span id={errorId} className="field-error">{error}</span>}
              </td>
              <td data-label="Comes from">{row.original ? SOURCE[row.original.source] : <span className="muted">new</span>}</td>
              <td data-label="Actions">
                {!row.original ? (
                  <button type="button" className="btn btn-small" onClick={() => onDrop(row.key)} aria-label={`Drop ${label}`}>
                    <Trash2 size={14} aria-hidden="true" /> Drop
                  </button>
                ) : row.removed ? (
                  <button type="button" className="btn btn-small" onClick={() => onEdit(row.key, { removed: false })} aria-label={`Keep ${row.name}`}>
                    <Undo2 size={14} aria-hidden="true" /> Keep
                  </button>
                ) : isInherited(row) ? (
                  <span className="muted config-note">set in the app-wide defaults</span>
                ) : (
                  <button type="button" className="btn btn-small" onClick={() => onEdit(row.key, { removed: true })} aria-label={`Remove ${row.name}`}>
                    <Trash2 size={14} aria-hidden="true" /> Remove
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
