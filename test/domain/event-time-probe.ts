// Run as a child process under a chosen TZ: prints the machine zone and every case as JSON.
import { evaluateCases } from './event-time-cases.ts';

const machine = { offsetMinutes: new Date(Date.UTC(2024, 6, 10)).getTimezoneOffset(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
process.stdout.write(JSON.stringify({ machine, cases: evaluateCases() }));
