/**
 * Where `pec start` / `pec serve` will listen, known before anything is opened or created: from the
 * data folder's configuration when there is one, else from the demo provider's initial one, with the
 * environment (`PEC_LISTEN_HOST`, `PEC_PORT_*`) and the command's port flags over it, in the same
 * order of precedence as `loadConfig`.
 */
import { applyEnvOverrides } from '../config/env-overrides.ts';
import type { PortsConfig } from '../config/config-schema.ts';
import { loadConfig } from '../config/load-config.ts';
import { buildInitialConfig } from '../config/write-initial-config.ts';
import { demoDomain, isProviderInitialised } from './start-demo.ts';

export interface PlannedListeners {
  readonly host: string;
  readonly ports: Readonly<PortsConfig>;
}

export async function plannedListeners(options: {
  readonly dataDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly ports?: Partial<PortsConfig>;
}): Promise<PlannedListeners> {
  const flags = options.ports ?? {};
  if (await isProviderInitialised(options.dataDir)) {
    const { config } = await loadConfig({
      dataDir: options.dataDir,
      env: options.env,
      overrides: { ports: flags },
      checkFiles: false,
    });
    return { host: config.listen.host, ports: config.ports };
  }
  const initial = buildInitialConfig({ domain: demoDomain, ports: flags });
  const { raw } = applyEnvOverrides(initial, options.env);
  const merged = raw as typeof initial;
  return { host: merged.listen.host, ports: { ...merged.ports, ...flags } };
}
