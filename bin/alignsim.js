#!/usr/bin/env node
// Entry point: runs the build (dist/). TypeScript tooling loads only when a .ts world is named.
// A reader that stops early (`| head`) closes the pipe: end quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv);
