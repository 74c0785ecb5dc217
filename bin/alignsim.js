#!/usr/bin/env node
// Entry point: load the TypeScript sources through tsx so that user worlds given as .ts paths run too.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`| head`) closes the pipe: end quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
