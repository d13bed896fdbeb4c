// The e2e project's globalSetup (vite.config.ts): ONE sync server process for every e2e file,
// started before the first file and stopped after the last. Files reach it through useVenue()
// in e2e.ts, which reads the address handed over here with provide/inject. DD_SERVER_ECHO=1
// shows the server's output as it runs (startServer).
import type { TestProject } from 'vitest/node';
import { startServer, type RunningServer } from './server.ts';

/** What a test file learns of the shared server (only serialisable data crosses to the workers). */
export type SharedServer = Pick<RunningServer, 'url' | 'port' | 'dataDir' | 'coordinator'>;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared e2e server; see useVenue in e2e.ts. */
    e2eServer: SharedServer;
  }
}

/** Starts the shared server and returns its teardown (SIGTERM, as a deploy stops it). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServer();
  const { url, port, dataDir, coordinator } = server;
  project.provide('e2eServer', { url, port, dataDir, coordinator });
  return () => server.stop();
}
