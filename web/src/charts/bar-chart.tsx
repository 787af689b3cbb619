import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format.js';

export type Bar = { readonly label: string; readonly value: number; readonly tone?: string };

const ROW = 28;
const LABEL_WIDTH = 190;
const WIDTH = 520;

/**
 * A horizontal bar chart in plain SVG: a few dozen lines instead of a charting library in the
 * bundle. The SVG is a picture (aria-hidden); the same numbers follow as a table, which is
 * what screen readers and keyboard users read.
 */
export function BarChart({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const { t } = useTranslation();
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = WIDTH - LABEL_WIDTH - 48;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${Math.max(ROW, bars.length * ROW)}`}
        width="100%"
        aria-hidden="true"
        focusable="false"
      >
        {bars.map((b, i) => {
          const y = i * ROW;
          const w = (b.value / max) * plot;
          return (
            <g key={b.label}>
              <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 5} textAnchor="end" className="chart-label">
                {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y + 5}
                width={Math.max(w, b.value > 0 ? 2 : 0)}
                height={ROW - 10}
                className={`bar ${b.tone ?? ''}`}
                rx="2"
              />
              <text x={LABEL_WIDTH + w + 6} y={y + ROW / 2 + 5} className="chart-value">
                {formatNumber(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t('dashboard.tableCaption', { title })}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.label')}</th>
              <th scope="col">{t('dashboard.value')}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <th scope="row">{b.label}</th>
                <td>{formatNumber(b.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
