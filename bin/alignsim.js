#!/usr/bin/env node
// Entry point: load the TypeScript sources through tsx so that user worlds given as .ts paths run too.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
