/**
 * The lifecycle job as a daily maintenance job (services/maintenance): one node a day runs it for
 * the whole cluster; each step inside is claimed once per (box, term, step) anyway, so a manual
 * `pec lifecycle run` at the same time does nothing twice.
 */
import type { MaintenanceJob } from '../maintenance/create-daily-maintenance.ts';
import type { BoxLife } from './create-box-life.ts';

export function boxLifeJob(boxLife: Pick<BoxLife, 'run'>): MaintenanceJob {
  return {
    name: 'box-life',
    async run(now) {
      const actions = await boxLife.run(now);
      return `${actions.length} lifecycle steps`;
    },
  };
}
