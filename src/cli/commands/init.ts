import type { Command } from 'commander';
import { scaffoldStudy } from '../scaffold.ts';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a study project that depends on alignsim: an example world with its own delegation policy, a test, a sweep')
    .argument('<dir>', 'the new project folder (must not exist, or be empty)')
    .action((dir: string) => {
      const files = scaffoldStudy(dir);
      process.stdout.write(`created ${dir}:\n${files.map((file) => `  ${file}\n`).join('')}\n`);
      process.stdout.write(`next:\n  cd ${dir}\n  npm install\n  npx alignsim run worlds/delegation-study.ts\n`);
    });
}
