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
    const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    expect(paths[0].match(/M/g)).toHaveLength(2); // the null splits the line
    expect(svg).toMatch(/stroke-dasharray/);
    expect(svg).toContain('stroke="#d62728"');
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
