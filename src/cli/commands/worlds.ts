import type { Command } from 'commander';
import { describeParams } from '../../kernel/params.ts';
import { loadBuiltInWorlds, loadWorld } from '../../kernel/registry.ts';
import { formatTable } from '../table.ts';

export function registerWorlds(program: Command): void {
  program
    .command('worlds')
    .description('list the built-in worlds and their parameters')
    .argument('[world]', 'show only this world (a name or a path)')
    .option('--json', 'print the worlds as JSON: [{name, description, defaultSteps, params: [{name, type, default, description}]}]')
    .action(async (ref: string | undefined, options: { json?: boolean }) => {
      const worlds = ref === undefined ? await loadBuiltInWorlds() : [await loadWorld(ref)];
      if (options.json) {
        const described = worlds.map((world) => ({
          name: world.name,
          description: world.description,
          defaultSteps: world.defaultSteps,
          params: describeParams(world).map((p) => ({ name: p.name, type: p.type, default: p.defaultValue, description: p.description })),
        }));
        process.stdout.write(JSON.stringify(described, null, 2) + '\n');
        return;
      }
      for (const world of worlds) {
        process.stdout.write(`${world.name} — ${world.description} (default ${world.defaultSteps} steps)\n`);
        const rows = describeParams(world).map((p) => [`  ${p.name}`, p.type, JSON.stringify(p.defaultValue) ?? '', p.description]);
        if (rows.length > 0) process.stdout.write(formatTable([['  parameter', 'type', 'default', 'description'], ...rows]).replace(/ +$/gm, ''));
        process.stdout.write('\n');
      }
    });
}
