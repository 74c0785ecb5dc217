/**
 * A small line chart rendered straight to SVG text: axes with round ticks, one polyline per
 * series (a gap where a value is missing) with an optional shaded band around it, vertical
 * markers at events, a legend, and an optional vertical step marker.
 * Deterministic output, no browser and no dependency.
 */

/** [x, low, high]: the band's edges at x (a 95% confidence interval, the min–max spread over runs). */
export type BandPoint = readonly [number, number, number];

export interface ChartSeries {
  readonly name: string;
  /** [t, value] pairs in increasing t; null (or NaN) values leave a gap. */
  readonly points: readonly (readonly [number, number | null])[];
  readonly dashed?: boolean;
  /** A shaded band in the series' colour, in increasing x; non-finite edges leave a gap. */
  readonly band?: readonly BandPoint[];
  /** By default the series' place in the chart picks its colour. */
  readonly colour?: string;
}

/** Something that happened at x (a shift, an intervention), drawn as a dashed vertical line. */
export interface ChartEvent {
  readonly x: number;
  /** Events of one kind share a legend entry and a colour, e.g. `deployment-shift`. */
  readonly kind: string;
  /** Shown when hovering the marker, e.g. `deployment-shift a1 at step 250`. */
  readonly label: string;
}

export interface LineChart {
  readonly title: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly series: readonly ChartSeries[];
  /** A vertical line at this x (the viewer's current step). */
  readonly marker?: number;
  readonly events?: readonly ChartEvent[];
  /** A labelled horizontal reference line, e.g. y = 0 on a chart of differences. */
  readonly rule?: { readonly y: number; readonly label: string };
  /** A line under the title, e.g. how many series were left out. */
  readonly note?: string;
  readonly width?: number;
  readonly height?: number;
}

/** Tableau 10: distinguishable, and readable on white. */
const COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function colourOf(index: number): string {
  return COLOURS[index % COLOURS.length];
}

/** Event markers: greys and browns apart from the series' colours. */
const EVENT_COLOURS = ['#555555', '#8c564b', '#7f7f7f', '#bcbd22'];

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** Round tick values (1, 2, 5 × 10^k steps, the one nearest (high − low)/count) within [low, high]. */
export function niceTicks(low: number, high: number, count = 5): number[] {
  if (!(high > low)) return [low];
  const rough = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const ratio = rough / magnitude;
  const step = magnitude * (ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.sqrt(2) ? 2 : 1);
  const ticks: number[] = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function formatTick(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(1);
  return String(Number(value.toPrecision(6)));
}

function extent(values: Iterable<number>): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (low === Infinity) return [0, 1];
  if (low === high) return [low - (low === 0 ? 1 : Math.abs(low) * 0.1), high + (high === 0 ? 1 : Math.abs(high) * 0.1)];
  return [low, high];
}

const CHAR_WIDTH = 6.6;
const LEGEND_MAX = 330;

/** A legend entry short enough for the legend's width. */
function fitLegend(name: string): string {
  const room = Math.floor((LEGEND_MAX - 50) / CHAR_WIDTH);
  return name.length <= room ? name : `${name.slice(0, room - 1)}…`;
}

/** A coordinate as written: one decimal. */
const r = (v: number): string => v.toFixed(1);

function finite(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

/** One closed path per run of finite band points: along the high edge, back along the low one. */
function bandPaths(band: readonly BandPoint[], sx: (x: number) => number, sy: (y: number) => number): string[] {
  const runs: BandPoint[][] = [[]];
  for (const point of band) {
    if (finite(point[1]) && finite(point[2])) runs.at(-1)!.push(point);
    else if (runs.at(-1)!.length > 0) runs.push([]);
  }
  return runs
    .filter((run) => run.length > 0)
    .map((run) => {
      const upper = run.map(([x, , high], i) => `${i === 0 ? 'M' : 'L'}${r(sx(x))},${r(sy(high))}`).join('');
      const lower = [...run].reverse().map(([x, low]) => `L${r(sx(x))},${r(sy(low))}`).join('');
      return `${upper}${lower}Z`;
    });
}

/** The distinct event kinds, in order of first appearance, each with its events. */
function eventKinds(events: readonly ChartEvent[]): [string, ChartEvent[]][] {
  const kinds = new Map<string, ChartEvent[]>();
  for (const event of events) kinds.set(event.kind, [...(kinds.get(event.kind) ?? []), event]);
  return [...kinds];
}

function eventLegend(kind: string, events: readonly ChartEvent[]): string {
  return events.length === 1 ? `${kind} (step ${formatTick(events[0].x)})` : `${kind} (${events.length} events)`;
}

/** Renders a line chart as a standalone SVG document. */
export function renderLineChart(chart: LineChart): string {
  const width = chart.width ?? 760;
  const kinds = eventKinds(chart.events ?? []);
  const legend = [...chart.series.map((s) => s.name), ...kinds.map(([kind, events]) => eventLegend(kind, events)), ...(chart.rule ? [chart.rule.label] : [])];
  const legendWidth = legend.length > 0 ? Math.min(LEGEND_MAX, 50 + CHAR_WIDTH * Math.max(...legend.map((name) => name.length))) : 0;
  const height = chart.height ?? Math.max(320, 70 + 18 * legend.length);
  const top = chart.note ? 52 : 40;
  const plot = { left: 70, top, right: width - legendWidth - 20, bottom: height - 50 };
  const xs = chart.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = [
    ...chart.series.flatMap((s) => [...s.points.map((p) => p[1]), ...(s.band ?? []).flatMap(([, low, high]) => [low, high])].filter(finite)),
    ...(chart.rule ? [chart.rule.y] : []),
  ];
  const [x0, x1] = extent(xs);
  const [y0, y1] = extent(ys);
  // The y axis runs from a tick to a tick, so its ends are labelled.
  const rough = niceTicks(y0, y1);
  const step = rough.length > 1 ? rough[1] - rough[0] : 1;
  const yLow = Math.floor(y0 / step + 1e-9) * step;
  const yHigh = Math.ceil(y1 / step - 1e-9) * step;
  const yTicks = niceTicks(yLow, yHigh);
  const sx = (x: number): number => plot.left + ((x - x0) / (x1 - x0)) * (plot.right - plot.left);
  const sy = (y: number): number => plot.bottom - ((y - yLow) / (yHigh - yLow)) * (plot.bottom - plot.top);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${plot.left}" y="22" font-size="15" font-weight="600">${escapeXml(chart.title)}</text>`,
  ];
  if (chart.note) parts.push(`<text x="${plot.left}" y="40" fill="#666666">${escapeXml(chart.note)}</text>`);
  for (const y of yTicks) {
    parts.push(
      `<line x1="${plot.left}" x2="${r(plot.right)}" y1="${r(sy(y))}" y2="${r(sy(y))}" stroke="#e6e6e6"/>`,
      `<text x="${plot.left - 6}" y="${r(sy(y) + 4)}" text-anchor="end" fill="#444444">${formatTick(y)}</text>`,
    );
  }
  for (const x of niceTicks(x0, x1, 8)) {
    parts.push(
      `<line x1="${r(sx(x))}" x2="${r(sx(x))}" y1="${plot.bottom}" y2="${plot.bottom + 5}" stroke="#444444"/>`,
      `<text x="${r(sx(x))}" y="${plot.bottom + 18}" text-anchor="middle" fill="#444444">${formatTick(x)}</text>`,
    );
  }
  parts.push(
    `<line x1="${plot.left}" x2="${r(plot.right)}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#444444"/>`,
    `<line x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${plot.bottom}" stroke="#444444"/>`,
    `<text x="${r((plot.left + plot.right) / 2)}" y="${height - 12}" text-anchor="middle">${escapeXml(chart.xLabel ?? 'step')}</text>`,
  );
  if (chart.yLabel) {
    const cy = r((plot.top + plot.bottom) / 2);
    parts.push(`<text x="16" y="${cy}" text-anchor="middle" transform="rotate(-90 16 ${cy})">${escapeXml(chart.yLabel)}</text>`);
  }
  const colours = chart.series.map((series, i) => series.colour ?? colourOf(i));
  chart.series.forEach((series, i) => {
    for (const d of bandPaths(series.band ?? [], sx, sy)) parts.push(`<path class="band" d="${d}" fill="${colours[i]}" fill-opacity="0.18" stroke="none"/>`);
  });
  if (chart.rule) {
    const y = r(sy(chart.rule.y));
    parts.push(`<line class="rule" x1="${plot.left}" x2="${r(plot.right)}" y1="${y}" y2="${y}" stroke="#222222" stroke-width="1" stroke-dasharray="2 3"/>`);
  }
  kinds.forEach(([, events], k) => {
    for (const event of events) {
      if (event.x < x0 || event.x > x1) continue;
      const x = r(sx(event.x));
      parts.push(
        `<line class="event" data-x="${event.x}" x1="${x}" x2="${x}" y1="${plot.top}" y2="${plot.bottom}" stroke="${EVENT_COLOURS[k % EVENT_COLOURS.length]}" stroke-width="1.2" stroke-dasharray="5 3"><title>${escapeXml(event.label)}</title></line>`,
      );
    }
  });
  chart.series.forEach((series, i) => {
    let path = '';
    let pen = 'M';
    for (const [x, y] of series.points) {
      if (!finite(y)) {
        pen = 'M';
        continue;
      }
      path += `${pen}${r(sx(x))},${r(sy(y))}`;
      pen = 'L';
    }
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    if (path) parts.push(`<path class="line" d="${path}" fill="none" stroke="${colours[i]}" stroke-width="1.6"${dash}/>`);
    const ly = plot.top + 6 + 18 * i;
    if (series.band) parts.push(`<rect x="${r(plot.right + 14)}" y="${ly - 6}" width="22" height="12" fill="${colours[i]}" fill-opacity="0.18"/>`);
    parts.push(
      `<line x1="${r(plot.right + 14)}" x2="${r(plot.right + 36)}" y1="${ly}" y2="${ly}" stroke="${colours[i]}" stroke-width="2.5"${dash}/>`,
      `<text class="legend" x="${r(plot.right + 42)}" y="${ly + 4}">${escapeXml(fitLegend(series.name))}</text>`,
    );
  });
  kinds.forEach(([kind, events], k) => {
    const ly = plot.top + 6 + 18 * (chart.series.length + k);
    parts.push(
      `<line x1="${r(plot.right + 25)}" x2="${r(plot.right + 25)}" y1="${ly - 7}" y2="${ly + 7}" stroke="${EVENT_COLOURS[k % EVENT_COLOURS.length]}" stroke-width="1.5" stroke-dasharray="3 2"/>`,
      `<text class="legend" x="${r(plot.right + 42)}" y="${ly + 4}">${escapeXml(fitLegend(eventLegend(kind, events)))}</text>`,
    );
  });
  if (chart.rule) {
    const ly = plot.top + 6 + 18 * (chart.series.length + kinds.length);
    parts.push(
      `<line x1="${r(plot.right + 14)}" x2="${r(plot.right + 36)}" y1="${ly}" y2="${ly}" stroke="#222222" stroke-width="1" stroke-dasharray="2 3"/>`,
      `<text class="legend" x="${r(plot.right + 42)}" y="${ly + 4}">${escapeXml(fitLegend(chart.rule.label))}</text>`,
    );
  }
  if (chart.marker !== undefined && chart.marker >= x0 && chart.marker <= x1) {
    parts.push(`<line x1="${r(sx(chart.marker))}" x2="${r(sx(chart.marker))}" y1="${plot.top}" y2="${plot.bottom}" stroke="#d62728" stroke-width="1.5"/>`);
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
