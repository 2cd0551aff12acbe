import { useId, useState } from 'react';
import { EnvParseError, parseDotenv, type ParsedEnv } from './dotenv';

/** A disclosure to paste `.env` text into the editor; nothing is sent until the editor is saved. */
export function PasteEnv({ onAdd }: { onAdd: (parsed: ParsedEnv, allSecret: boolean) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [allSecret, setAllSecret] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function add() {
    try {
      const parsed = parseDotenv(text);
      if (parsed.entries.length === 0) {
        setError('No NAME=value lines found.');
        return;
      }
      onAdd(parsed, allSecret);
      setText('');
      setError(null);
    } catch (e) {
      setError(e instanceof EnvParseError ? `${e.message} Expected NAME=value, a comment (#) or an empty line.` : String(e));
    }
  }

  return (
    <details className="config-paste">
      <summary>Paste .env text</summary>
      <div className="field">
        <label htmlFor={`${id}-text`}>.env text</label>
        <textarea id={`${id}-text`} rows={6} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`} aria-invalid={error ? true : undefined} />
        <span id={`${id}-help`} className="help">
          One NAME=value per line; a <code># coderunner:secret</code> line makes the next name a secret. Names already listed take the new value.
        </span>
        {error && <span id={`${id}-error`} className="field-error">{error}</span>}
      </div>
      <div className="button-row">
        <label className="check">
          <input type="checkbox" checked={allSecret} onChange={(e) => setAllSecret(e.target.checked)} /> Make every pasted name a secret
        </label>
        <button type="button" className="btn" onClick={add}>Add to the editor</button>
      </div>
    </details>
  );
}
