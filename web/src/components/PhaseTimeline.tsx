import { useEffect, useState } from 'react';
import type { Deployment } from '../api/types';
import { duration } from './format';
import { isBadEnd, isFinished, phaseTimeline, totalSeconds } from './health';
import { formatTime } from './InstanceHealth';

/** When each phase began and how long it took; the running phase's time counts up. */
export function PhaseTimeline({ deployment: d }: { deployment: Deployment }) {
  const finished = isFinished(d.status);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (finished) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [finished]);
  const steps = phaseTimeline(d.phases, d.status, now);
  if (steps.length === 0) return null;
  const total = totalSeconds(d, now);
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">
        Timeline{total != null && <span className="muted"> · {duration(total)}{finished ? ' in all' : ' so far'}</span>}
      </h2>
      <ol className="timeline" data-testid="timeline">
        {steps.map((s, i) => {
          const last = i === steps.length - 1;
          const cls = s.current ? 'current' : last && isBadEnd(d.status) ? 'failed' : 'done';
          return (
            <li key={`${s.phase}-${i}`} className={`timeline-step timeline-${cls}`} aria-current={s.current ? 'step' : undefined}>
              <span className="timeline-phase">{s.phase}</span>
              <time className="muted" dateTime={s.at}>{formatTime(s.at)}</time>
              <span className="timeline-duration">{s.seconds != null ? duration(s.seconds) : ''}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
