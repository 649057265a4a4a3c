// A small connection pool over the database driver, shared by every service.

export interface QueryResult<Row> {
  readonly rows: Row[];
}

export interface Pool {
  query<Row>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
}

/** The one pool of the process. Ten connections: search and bookings compete for them at peak. */
export function createPool(url: string, size = 10): Pool {
  const driver = connect(url, size);
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      const started = Date.now();
      try {
        return (await driver.execute(sql, params)) as QueryResult<Row>;
      } finally {
        metrics.observe('db_query_ms', Date.now() - started);
      }
    },
  };
}

// The driver and metrics client are provided by the runtime image.
declare function connect(url: string, size: number): { execute(sql: string, params: unknown[]): Promise<unknown> };
declare const metrics: { observe(name: string, value: number): void };
