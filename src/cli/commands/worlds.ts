import type { Command } from 'commander';
import { describeParams } from '../../kernel/params.ts';
import { loadBuiltInWorlds, loadWorld } from '../../kernel/registry.ts';
import { formatTable } from '../table.ts';

export function registerWorlds(program: Command): void {
  program
    .command('worlds')
    .description('list the built-in worlds and their parameters')
    .argument('[world]', 'show only this world (a name or a path)')
    .action(async (ref: string | undefined) => {
      const worlds = ref === undefined ? await loadBuiltInWorlds() : [await loadWorld(ref)];
      for (const world of worlds) {
        process.stdout.write(`${world.name} — ${world.description} (default ${world.defaultSteps} steps)\n`);
        const rows = describeParams(world).map((p) => [`  ${p.name}`, p.type, JSON.stringify(p.defaultValue) ?? '', p.description]);
        if (rows.length > 0) process.stdout.write(formatTable([['  parameter', 'type', 'default', 'description'], ...rows]).replace(/ +$/gm, ''));
        process.stdout.write('\n');
      }
    });
}
