import { Option } from 'commander';
import type { Command } from 'commander';
import { groupGoalSums, misalignment, misalignmentFromSums, pairCount, DEFAULT_PAIRING, PAIRINGS } from '../../measures/misalignment.ts';
import type { Misalignment, Pairing } from '../../measures/misalignment.ts';
import { readPopulationFile } from '../../kernel/population-file.ts';
import type { PopulationFile } from '../../kernel/population-file.ts';

interface MeasureOptions {
  pairing: Pairing;
  byGroup?: 'kind';
  json?: boolean;
}

type AreaValues = Record<string, number>;

export interface GroupPairReport {
  readonly between: readonly [string, string];
  readonly areas: AreaValues;
  readonly overall: number;
}

export interface MisalignmentReport {
  readonly pairing: Pairing;
  readonly areas: AreaValues;
  readonly overall: number;
  /** With `--by-group kind`: each unordered pair of kinds, a kind with itself included. */
  readonly groups?: readonly GroupPairReport[];
}

export function registerMeasure(program: Command): void {
  const measure = program.command('measure').description('compute a measure from a file');
  measure
    .command('misalignment')
    .description('population misalignment per problem area and overall (Kierans et al. 2025)')
    .argument('<population>', 'population JSON file')
    .addOption(new Option('--pairing <pairing>', 'how the two agents are drawn').choices(PAIRINGS).default(DEFAULT_PAIRING))
    .addOption(new Option('--by-group <field>', 'also misalignment between and within groups').choices(['kind']))
    .option('--json', 'print JSON')
    .action((path: string, options: MeasureOptions) => {
      const report = misalignmentReport(readPopulationFile(path), options.pairing, options.byGroup !== undefined);
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatReport(report));
    });
}

/** Agents without a kind form the group "(none)". */
export function misalignmentReport(file: PopulationFile, pairing: Pairing, byKind = false): MisalignmentReport {
  const { spec, population } = file;
  const named = (value: Misalignment): { areas: AreaValues; overall: number } => ({
    areas: Object.fromEntries(spec.areas.map((area, j) => [area.name, value.areas[j]])),
    overall: value.overall,
  });
  const report = named(misalignment(population, pairing));
  if (!byKind) return { pairing, ...report };

  const kinds = [...new Set(spec.agents.map((a) => a.kind ?? '(none)'))];
  const labels = Int32Array.from(spec.agents, (a) => kinds.indexOf(a.kind ?? '(none)'));
  const sums = groupGoalSums(population, labels, kinds.length);
  const groups: GroupPairReport[] = [];
  kinds.forEach((x, i) => {
    for (let k = i; k < kinds.length; k++) {
      const pairs = pairCount(sums[i].count, sums[k].count, i === k ? sums[i].count : 0, pairing);
      groups.push({ between: [x, kinds[k]], ...named(misalignmentFromSums(population.conflicts, sums[i], sums[k], pairs)) });
    }
  });
  return { pairing, ...report, groups };
}

/** An aligned table: one row per area and overall, then one row per pair of groups. */
export function formatReport(report: MisalignmentReport): string {
  const areaNames = Object.keys(report.areas);
  const rows: string[][] = [['', ...areaNames, 'overall']];
  const values = (r: { areas: AreaValues; overall: number }): string[] => [
    ...areaNames.map((a) => r.areas[a].toFixed(7)),
    r.overall.toFixed(7),
  ];
  rows.push(['population', ...values(report)]);
  for (const g of report.groups ?? []) rows.push([`${g.between[0]} vs ${g.between[1]}`, ...values(g)]);
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const lines = rows.map((r) =>
    r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  '),
  );
  return `misalignment (pairing: ${report.pairing})\n${lines.join('\n')}\n`;
}
