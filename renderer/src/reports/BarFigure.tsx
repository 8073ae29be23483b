import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';

export interface Datum {
  label: string;
  value: number;
  /** What the value is out of (registered, for attendance), shown as a second, lighter bar. */
  of?: number;
}

/**
 * One chart of the report: a horizontal bar chart (recharts, drawn as SVG) for the eye, and the same figures as a
 * table for everyone else. The SVG is hidden from assistive technology, which reads the table instead: a chart's
 * shapes say nothing to a screen reader, and the table is its text alternative, also handy to copy figures from.
 */
export function BarFigure({
  title,
  data,
  valueLabel,
  ofLabel,
}: {
  title: string;
  data: readonly Datum[];
  valueLabel: string;
  ofLabel?: string;
}) {
  const lang = useLanguage();
  const captionId = useId();
  const n = (v: number) => formatNumber(v, lang);
  const height = 40 + data.length * 28;
  return (
    <figure className="report-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <div className="report-chart-drawing" aria-hidden="true" data-testid="report-chart">
        <BarChart
          width={640}
          height={height}
          data={data.map((d) => ({ ...d }))}
          layout="vertical"
          // The table below is the chart's text alternative: recharts' own keyboard layer would put a focusable
          // element inside the aria-hidden drawing, which screen readers would land on and find empty.
          accessibilityLayer={false}
          margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
        >
          <CartesianGrid horizontal={false} stroke="#d5dde6" />
          <XAxis type="number" allowDecimals={false} tick={{ fill: '#1f2933' }} />
          <YAxis type="category" dataKey="label" width={220} tick={{ fill: '#1f2933', fontSize: 12 }} />
          {ofLabel && <Bar dataKey="of" name={ofLabel} fill="#c3cfdb" isAnimationActive={false} />}
          <Bar dataKey="value" name={valueLabel} fill="#2f6f9f" isAnimationActive={false} />
        </BarChart>
      </div>
      <table className="report-chart-data">
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{valueLabel}</th>
            {ofLabel && <th scope="col">{ofLabel}</th>}
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>{n(d.value)}</td>
              {ofLabel && <td>{n(d.of ?? 0)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
