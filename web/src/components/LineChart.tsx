import { useId, useState, type PointerEvent } from 'react';
import { indexAt, latest, linePath, maxOf, niceTicks, timeLabel, type Box } from '../metrics/chart';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

interface Props {
  title: string;
  times: number[];
  series: ChartSeries[];
  format: (v: number) => string;
  testId?: string;
}

const BOX: Box = { width: 400, height: 170, left: 52, right: 10, top: 10, bottom: 22 };

/**
 * A small SVG line chart: one line per series on a shared time grid, gaps where data is missing, and
 * a legend that shows the value under the pointer (or the latest one). Colours come from CSS classes.
 */
export function LineChart({ title, times, series, format, testId }: Props) {
  const [hover, setHover] = useState<number | null>(null);
  const titleId = useId();
  const yMax = niceTicks(maxOf(series.map((s) => s.values))).at(-1) ?? 1;
  const ticks = niceTicks(yMax);
  const plotH = BOX.height - BOX.top - BOX.bottom;
  const span = times.length > 1 ? (times.at(-1) ?? 0) - (times[0] ?? 0) : 0;
  const hasData = series.some((s) => latest(s.values) != null);
  const valueAt = (s: ChartSeries) => (hover != null ? s.values[hover] : latest(s.values));
  const summary = series.map((s) => {
    const v = latest(s.values);
    return `${s.label} ${v == null ? 'no data' : format(v)}`;
  });

  function onMove(e: PointerEvent<SVGSVGElement>) {
    const rect = e.currentTarget.getBoundingClientRect();
    if (rect.width === 0) return;
    setHover(indexAt(((e.clientX - rect.left) / rect.width) * BOX.width, BOX, times.length));
  }

  return (
    <figure className="chart" data-testid={testId} data-points={series.reduce((n, s) => n + s.values.filter((v) => v != null).length, 0)}>
      <figcaption id={titleId} className="chart-title">
        {title}
        {hover != null && times[hover] != null && <span className="muted"> · {timeLabel(times[hover], span)}</span>}
      </figcaption>
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-labelledby={titleId}
        onPointerMove={onMove} onPointerLeave={() => setHover(null)}>
        <desc>{`Latest: ${summary.join(', ')}`}</desc>
        {ticks.map((t) => {
          const y = BOX.top + plotH - (t / yMax) * plotH;
          return (
            <g key={t} className="chart-grid">
              <line x1={BOX.left} x2={BOX.width - BOX.right} y1={y} y2={y} />
              <text x={BOX.left - 6} y={y + 4} textAnchor="end">{format(t)}</text>
            </g>
          );
        })}
        {times.length > 1 && [0, Math.floor((times.length - 1) / 2), times.length - 1].map((i, k) => (
          <text key={k} className="chart-axis" x={BOX.left + (i / (times.length - 1)) * (BOX.width - BOX.left - BOX.right)} y={BOX.height - 6}
            textAnchor={k === 0 ? 'start' : k === 2 ? 'end' : 'middle'}>
            {timeLabel(times[i] ?? 0, span)}
          </text>
        ))}
        {series.map((s, i) => (
          <path key={s.label} className={`chart-line series-${i % 8}`} d={linePath(s.values, BOX, yMax)} />
        ))}
        {hover != null && times.length > 1 && (
          <line className="chart-cursor" x1={BOX.left + (hover / (times.length - 1)) * (BOX.width - BOX.left - BOX.right)}
            x2={BOX.left + (hover / (times.length - 1)) * (BOX.width - BOX.left - BOX.right)} y1={BOX.top} y2={BOX.top + plotH} />
        )}
        {!hasData && (
          <text className="chart-empty" x={BOX.width / 2} y={BOX.height / 2} textAnchor="middle">No data in this range yet</text>
        )}
      </svg>
      <ul className="chart-legend">
        {series.map((s, i) => {
          const v = valueAt(s);
          return (
            <li key={s.label}>
              <span className={`chart-swatch series-${i % 8}`} aria-hidden="true" />
              {s.label}: <strong>{v == null ? '—' : format(v)}</strong>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
