// The PostgreSQL connection pool and the one transaction helper every pg-* module uses.
import pg from 'pg';

/** BIGINT (oid 20) as a JS number: every id, seq and epoch-ms time here is far below 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'))
  ) as typeof pg.types.getTypeParser,
};

/** Connections per server process: ingest is serialised per event, so more would only wait. */
export const POOL_SIZE = 16;

/** A pool for `url` whose BIGINTs come back as numbers; idle errors are logged, not fatal. */
export function createPool(url: string, max = POOL_SIZE): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // A dropped idle connection must not take the process down; the next query reconnects.
  pool.on('error', (error) => console.error('PostgreSQL pool: idle connection failed:', error.message));
  return pool;
}

/** Anything that runs a query: the pool itself or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** Runs `work` in one transaction on one connection: all of it commits, or none of it. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** True for a postgres:// or postgresql:// URL, the only DATABASE_URL the server accepts. */
export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);
