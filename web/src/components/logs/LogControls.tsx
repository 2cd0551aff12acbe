import { useState, type FormEvent } from 'react';
import { LEVELS, type Level, type LogFilter } from './model';
import { TAIL_CHOICES } from './session';

export interface LogControlsProps {
  filter: LogFilter;
  tail: number;
  instances: string[];
  processTypes: string[];
  busy: boolean;
  onFilter: (f: LogFilter) => void;
  onTail: (n: number) => void;
  onJump: (iso: string) => void;
}

/** Filters (level, instance, process type), search, how many lines to load, and jump to a time. */
export function LogControls({ filter, tail, instances, processTypes, busy, onFilter, onTail, onJump }: LogControlsProps) {
  const [q, setQ] = useState(filter.q ?? '');
  const [regex, setRegex] = useState(!!filter.regex);
  const [at, setAt] = useState('');

  function search(e: FormEvent) {
    e.preventDefault();
    onFilter({ ...filter, q: q.trim() || undefined, regex: regex || undefined });
  }

  function jump(e: FormEvent) {
    e.preventDefault();
    const t = new Date(at); // datetime-local: the user's local time
    if (!Number.isNaN(t.getTime())) onJump(t.toISOString());
  }

  return (
    <div className="log-controls">
      <div className="log-filters">
        <label className="field-inline">
          <span>Level</span>
          <select value={filter.level ?? ''} onChange={(e) => onFilter({ ...filter, level: (e.target.value || undefined) as Level | undefined })}>
            <option value="">All levels</option>
            {LEVELS.map((l) => <option key={l} value={l}>{l === 'fatal' ? 'fatal' : `${l} and worse`}</option>)}
          </select>
        </label>
        <label className="field-inline">
          <span>Instance</span>
          <select value={filter.instance ?? ''} onChange={(e) => onFilter({ ...filter, instance: e.target.value || undefined })}>
            <option value="">All instances</option>
            {instances.map((i) => <option key={i} value={i}>{i}</option>)}
          </select>
        </label>
        <label className="field-inline">
          <span>Process type</span>
          <select value={filter.process ?? ''} onChange={(e) => onFilter({ ...filter, process: e.target.value || undefined })}>
            <option value="">All types</option>
            {processTypes.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <label className="field-inline">
          <span>Lines to load</span>
          <select value={tail} onChange={(e) => onTail(Number(e.target.value))}>
            {TAIL_CHOICES.map((n) => <option key={n} value={n}>last {n.toLocaleString()}</option>)}
          </select>
        </label>
      </div>
      <div className="log-filters">
        <form className="log-search" role="search" onSubmit={search}>
          <label htmlFor="log-q" className="visually-hidden">Search logs</label>
          <input id="log-q" type="search" placeholder="Search text" value={q} onChange={(e) => setQ(e.target.value)} />
          <label className="check">
            <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} /> Regex
          </label>
          <button type="submit" className="btn" disabled={busy}>Search</button>
        </form>
        <form className="log-search" onSubmit={jump} aria-label="Jump to a time">
          <label htmlFor="log-at">Jump to</label>
          <input id="log-at" type="datetime-local" step={1} value={at} onChange={(e) => setAt(e.target.value)} required />
          <button type="submit" className="btn" disabled={busy}>Go</button>
        </form>
      </div>
    </div>
  );
}
