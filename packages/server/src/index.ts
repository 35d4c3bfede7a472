/** Public surface of @pec/server for tests and embedding. */
export { runCli } from './cli/main.ts';
