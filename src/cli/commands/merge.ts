import type { Command } from 'commander';
import { mergeRecordings } from '../../sweep/merge.ts';

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine recordings (e.g. the files of a sweep\'s workers and shards) into one; merging again changes nothing')
    .argument('<out>', 'recording to write (created if missing)')
    .argument('<inputs...>', 'recordings to merge into it')
    .option('--json', 'print the counts as JSON (added, replaced, skipped)')
    .action((out: string, inputs: string[], options: { json?: boolean }) => {
      const result = mergeRecordings(out, inputs);
      if (options.json) {
        process.stdout.write(JSON.stringify({ added: result.added, replaced: result.replaced, skipped: result.skipped }) + '\n');
        return;
      }
      process.stdout.write(
        `merged ${inputs.length} recording${inputs.length === 1 ? '' : 's'} into ${out}: ` +
          `${result.added} runs added, ${result.replaced} replaced by a more complete copy, ${result.skipped} already present\n`,
      );
    });
}
