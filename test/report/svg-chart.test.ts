import { describe, expect, it } from 'vitest';
import { escapeXml, niceTicks, renderLineChart } from '../../src/report/svg-chart.ts';
import { xmlProblem } from '../support/xml.ts';

describe('svg line chart', () => {
  it('picks round ticks covering the range', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 1227)).toEqual([200, 400, 600, 800, 1000, 1200]);
    expect(niceTicks(-0.03, 0.07)).toEqual([-0.02, 0, 0.02, 0.04, 0.06]);
  });

  it('is well-formed SVG with escaped names, one path per series, a gap at a missing value, and the step marker', () => {
    const svg = renderLineChart({
      title: 'a <b> & "c"',
      series: [
        { name: 'x & y', points: [[1, 1], [2, null], [3, 2], [4, 3]] },
        { name: 'bound', points: [[1, 4], [4, 5]], dashed: true },
      ],
      marker: 2,
      note: "it's noted",
    });
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).toContain(`>${escapeXml('a <b> & "c"')}</text>`);
    expect(svg).toContain('>x &amp; y</text>');
    const paths = [...svg.matchAll(/<path class="line" d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    expect(paths[0].match(/M/g)).toHaveLength(2); // the null splits the line
    expect(svg).toMatch(/stroke-dasharray/);
    expect(svg).toContain('stroke="#d62728"');
  });

  it('shades a band per series that has one, marks events at their x and names every series, event kind and rule in the legend', () => {
    const svg = renderLineChart({
      title: 'bands',
      width: 600,
      height: 300,
      series: [
        { name: 'ucb1', points: [[0, 1], [10, 2]], band: [[0, 0.5, 1.5], [5, NaN, NaN], [10, 1.5, 2.5]] },
        { name: 'never', points: [[0, 0], [10, 0]], band: [[0, -1, 1], [10, -1, 1]], colour: '#123456' },
        { name: 'plain', points: [[0, 3], [10, 3]] },
      ],
      events: [
        { x: 4, kind: 'deployment-shift', label: 'deployment-shift a1 at step 4' },
        { x: 2, kind: 'value-drift', label: 'value-drift a2 at step 2' },
        { x: 8, kind: 'value-drift', label: 'value-drift a3 at step 8' },
        { x: 20, kind: 'value-drift', label: 'outside the x range: not drawn' },
      ],
      rule: { y: 0, label: 'no difference' },
    });
    expect(xmlProblem(svg)).toBeNull();
    const bands = [...svg.matchAll(/<path class="band" d="([^"]+)" fill="([^"]+)"/g)];
    // The missing middle point splits ucb1's band into two pieces; never's is one piece in its own colour.
    expect(bands.map((b) => b[2])).toEqual(['#4e79a7', '#4e79a7', '#123456']);
    expect(bands.every((b) => b[1].endsWith('Z'))).toBe(true);
    // Plot from x = 70 to 600 − legend − 20; x = 0..10 maps linearly.
    const legendWidth = Math.min(330, 50 + 6.6 * 'deployment-shift (step 4)'.length);
    const right = 600 - legendWidth - 20;
    const markers = [...svg.matchAll(/<line class="event" data-x="([\d.]+)" x1="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(markers).toEqual([4, 2, 8].map((x) => [x, Number((70 + (x / 10) * (right - 70)).toFixed(1))]));
    expect(svg).toContain('<title>deployment-shift a1 at step 4</title>');
    const legend = [...svg.matchAll(/<text class="legend"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(legend).toEqual(['ucb1', 'never', 'plain', 'deployment-shift (step 4)', 'value-drift (3 events)', 'no difference']);
    // The rule at y = 0 and the bands' edges are inside the y axis: its ticks run from −1 to 3.
    expect(svg).toContain('>-1</text>');
    expect(svg).toMatch(/<line class="rule"/);
  });

  it('the well-formedness check itself catches broken markup', () => {
    expect(xmlProblem('<svg><g></svg>')).not.toBeNull();
    expect(xmlProblem('<svg><text>a & b</text></svg>')).not.toBeNull();
    expect(xmlProblem('<svg><text x=1>a</text></svg>')).not.toBeNull();
  });

  it('draws an empty chart without failing', () => {
    expect(xmlProblem(renderLineChart({ title: 'nothing', series: [] }))).toBeNull();
  });
});
