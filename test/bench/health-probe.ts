// /api/health asked every 5 ms from a process of its own, as a desk or a load balancer asks it:
// probed from the benchmark's own process, the answers would wait behind whatever else that
// process is busy receiving (forty 70 KB snapshots, say), and the figure would be the client's.
import { spawn } from 'node:child_process';

const PROBE = `
let running = true;
const latencies = [];
process.on('message', () => { running = false; });
(async () => {
  while (running) {
    const started = performance.now();
    await (await fetch(process.argv[1] + '/api/health')).text();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  process.send(latencies, () => process.exit(0));
})();
`;

/** Health latencies (ms) from a separate process while `work` runs. */
export async function healthLatenciesDuring(url: string, work: () => Promise<unknown>): Promise<number[]> {
  const child = spawn(process.execPath, ['-e', PROBE, url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const answer = new Promise<number[]>((resolve, reject) => {
    child.once('message', (latencies) => resolve(latencies as number[]));
    child.once('exit', (code) => reject(new Error(`health probe exited (${code}) without an answer`)));
  });
  // Let the probe start asking before the work begins.
  await new Promise((resolve) => setTimeout(resolve, 200));
  try {
    await work();
  } finally {
    child.send('stop');
  }
  return answer;
}
