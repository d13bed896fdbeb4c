// The worker threads' entry (plain JavaScript, so Node loads it without help): it teaches the
// thread TypeScript through tsx, the loader the server itself runs under, then hands every task
// to tasks.ts. Node, tsx and vitest all start it the same way.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./tasks.ts');

/** Piscina calls the export named by each run's `name`. */
export const prepareRosterImport = tasks.prepareRosterImport;
export const readDeskFileChecked = tasks.readDeskFileChecked;
export const chooseMasks = tasks.chooseMasks;
