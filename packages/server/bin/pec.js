#!/usr/bin/env node
// The `pec` command. Runs the TypeScript sources through tsx (decision 0002).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
