// Graceful stop on SIGTERM: stop accepting, end open live streams at once (their EventSource
// reconnects to the next process), let running requests finish, then close the store.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ServerType } from '@hono/node-server';

/** Any of the servers @hono/node-server made (HTTP or HTTPS), or the metrics server. */
type NodeServer = ServerType | Server;

/** Whether writeHead's headers (a Headers, an object, or a flat or paired array) say text/event-stream. */
function isEventStream(headers: unknown): boolean {
  if (headers instanceof Headers) return (headers.get('content-type') ?? '').startsWith('text/event-stream');
  const pairs: Array<[unknown, unknown]> = Array.isArray(headers)
    ? (Array.isArray(headers[0]) ? headers as Array<[unknown, unknown]> : headers.flatMap((v, i, all) => (i % 2 === 0 ? [[v, all[i + 1]] as [unknown, unknown]] : [])))
    : Object.entries((headers ?? {}) as Record<string, unknown>);
  return pairs.some(([name, value]) => String(name).toLowerCase() === 'content-type' && String(value).startsWith('text/event-stream'));
}

/** Open event-stream responses of the servers, ended at once on shutdown. */
export class OpenResponses {
  readonly #streams = new Set<ServerResponse>();

  /**
   * Notes every response whose head says text/event-stream. @hono/node-server passes the
   * headers to writeHead, where getHeader() cannot see them, so writeHead is where we look.
   */
  track(server: NodeServer): void {
    // First in line, so the wrapper is in place before the app writes anything.
    (server as Server).prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
      const writeHead = res.writeHead;
      res.writeHead = ((...args: Parameters<ServerResponse['writeHead']>) => {
        const all = args as unknown[];
        const headers = typeof all[1] === 'string' ? all[2] : all[1];
        if (isEventStream(headers) || String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) {
          this.#streams.add(res);
          res.once('close', () => this.#streams.delete(res));
        }
        return writeHead.apply(res, args);
      }) as ServerResponse['writeHead'];
    });
  }

  /** Ends every open event stream (the client's EventSource reconnects); returns how many. */
  endStreams(): number {
    const ended = this.#streams.size;
    for (const res of this.#streams) res.destroy();
    this.#streams.clear();
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
