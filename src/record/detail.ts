/**
 * How much of a decision's detail a run keeps: `full`, the whole value the world recorded (the
 * policy's reasons: every arm's index, posteriors); `summary`, the problem's area and the chosen
 * decider's expected reward as typed columns; `none`, nothing.
 */
export const DETAIL_LEVELS = ['full', 'summary', 'none'] as const;
export type DetailLevel = (typeof DETAIL_LEVELS)[number];

/** What analysis and paired counterfactual comparisons use, at a few bytes a decision. */
export const DEFAULT_DETAIL: DetailLevel = 'summary';

/** Strings, and the brackets that open and close objects and arrays: all a scan for top-level keys must see. */
const TOKEN = /"(?:[^"\\]|\\.)*"|[{}[\]]/g;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;

/** The JSON number or string that starts at `at`, or null for any other value. */
function scalarAt(json: string, at: number): number | string | null {
  for (const pattern of [NUMBER, STRING]) {
    pattern.lastIndex = at;
    const match = pattern.exec(json);
    if (match !== null) return pattern === NUMBER ? Number(match[0]) : (JSON.parse(match[0]) as string);
  }
  return null;
}

/**
 * The top-level `area` (a number or string) and `expected` (a number) of a detail object's JSON
 * text: what JSON.parse would give, found without parsing the rest (lists of every arm's index),
 * which a writer keeping up with a thousand decisions a step cannot afford.
 */
export function summaryFields(json: string): [number | string | null, number | null] {
  let area: number | string | null = null;
  let expected: number | null = null;
  let depth = 0;
  let found = 0;
  TOKEN.lastIndex = 0;
  // JSON.stringify writes each key once: the scan ends when both are found.
  for (let match = TOKEN.exec(json); match !== null && found < 2; match = TOKEN.exec(json)) {
    const token = match[0];
    if (token === '{' || token === '[') depth++;
    else if (token === '}' || token === ']') depth--;
    else if (depth === 1 && json[TOKEN.lastIndex] === ':' && (token === '"area"' || token === '"expected"')) {
      const value = scalarAt(json, TOKEN.lastIndex + 1);
      found++;
      if (token === '"area"') area = value;
      else expected = typeof value === 'number' ? value : null;
    }
  }
  return [area, expected];
}

/** The detail a decision keeps at a level: [area, expected, detail JSON]. */
export function keptDetail(detailJson: string, level: DetailLevel): [number | string | null, number | null, string | null] {
  if (level === 'full') return [null, null, detailJson];
  if (level === 'none') return [null, null, null];
  return [...summaryFields(detailJson), null];
}
