import { useRef, useState, type DragEvent } from 'react';
import { useNavigate } from 'react-router';
import { Upload } from 'lucide-react';
import { api, archiveContentType, envPath } from '../api/client';
import type { Deployment } from '../api/types';
import { notify } from '../stores/toasts';

/**
 * Deploy by dropping a .zip or .tar.gz (or choosing one with the keyboard): shows upload progress,
 * then opens the deployment page with its live build log.
 */
export function DeployDropZone({ app, env }: { app: string; env: string }) {
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();

  async function deploy(file: File) {
    setError(null);
    if (!archiveContentType(file.name)) {
      setError(`"${file.name}" is not a .zip or .tar.gz archive.`);
      return;
    }
    setProgress({ loaded: 0, total: file.size });
    try {
      const d = await api.upload<Deployment>(`${envPath(app, env)}/deployments`, file, setProgress);
      notify.ok(`Deployment ${d.id} started for ${app}/${env}.`);
      navigate(`/apps/${app}/envs/${env}/deployments/${d.id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void deploy(file);
  };

  const pct = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <section
      className={`dropzone${dragging ? ' dropzone-active' : ''}`}
      aria-label={`Deploy to ${env}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <Upload aria-hidden="true" />
      <p>
        Drop a <code>.zip</code> or <code>.tar.gz</code> here to deploy to <strong>{env}</strong>, or{' '}
        <button type="button" className="link-btn" onClick={() => input.current?.click()} disabled={progress !== null}>
          choose a file
        </button>
        .
      </p>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        accept=".zip,.tar.gz,.tgz,application/zip,application/gzip"
        aria-label="Source archive"
        tabIndex={-1}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void deploy(f);
          e.target.value = '';
        }}
      />
      {progress && (
        <div className="upload">
          <label htmlFor={`upload-${env}`}>Uploading… {pct}%</label>
          <progress id={`upload-${env}`} max={100} value={pct} />
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
