import { tone } from './format';

/** A status word with colour and a shape, so it never relies on colour alone. */
export function StatusBadge({ status }: { status: string }) {
  const t = tone(status);
  return (
    <span className={`badge badge-${t}`}>
      <span className="badge-dot" aria-hidden="true" />
      {status}
    </span>
  );
}
