// Graceful stop on SIGTERM: stop accepting, end open live streams at once (their EventSource
// reconnects to the next process), let running requests finish, then close the store.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ServerType } from '@hono/node-server';

/** Any of the servers @hono/node-server made (HTTP or HTTPS), or the metrics server. */
type NodeServer = ServerType | Server;

/** Live responses of a server; SSE ones are ended on shutdown. */
export class OpenResponses {
  readonly #open = new Set<ServerResponse>();

  /** Follows every response of the server until it closes. */
  track(server: NodeServer): void {
    (server as Server).on('request', (_req: IncomingMessage, res: ServerResponse) => {
      this.#open.add(res);
      res.once('close', () => this.#open.delete(res));
    });
  }

  /** Ends every response that is an event stream; returns how many. */
  endStreams(): number {
    let ended = 0;
    for (const res of this.#open) {
      if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) {
        res.destroy();
        ended += 1;
      }
    }
    return ended;
  }
}

/** Everything a stop closes, in order. */
export interface ShutdownPlan {
  servers: NodeServer[];
  responses: OpenResponses;
  /** Runs once every server has closed (or the fallback fired): the final backup, the store. */
  finish: () => Promise<void>;
  /** Requests still running after this long are cut. */
  fallbackMs?: number;
  log?: (line: string) => void;
}

/** Returns the signal handler; a second signal while stopping is ignored. */
export function gracefulShutdown(plan: ShutdownPlan): (signal: string) => void {
  let stopping = false;
  return (signal) => {
    if (stopping) return;
    stopping = true;
    (plan.log ?? console.log)(`Điểm danh: ${signal}, stopping`);
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      plan.finish().finally(() => process.exit(0));
    };
    let open = plan.servers.length;
    for (const server of plan.servers) {
      server.close(() => { open -= 1; if (open === 0) finish(); });
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }
    plan.responses.endStreams();
    setTimeout(finish, plan.fallbackMs ?? 3000).unref();
  };
}
