// Minimal HTTP server: parses requests and dispatches them to the decorated routes.

import { createServer as createHttpServer, type Server } from 'node:http';
import { logger } from '../utils/logger';
import { ROUTES, type ApiRequest, type TalentController } from './routes';

// Shown by GET /dev/help on staging. The tag text below is inside a string literal, not a
// comment, so Intent Lens must NOT read it as a tag (it would be an unknown ID otherwise).
const CONTRIBUTOR_HELP = 'New endpoint? Put "// @intent kr:your-key-result" above the handler.';

export function createServer(controller: TalentController): Server {
  return createHttpServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/dev/help') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(CONTRIBUTOR_HELP);
      return;
    }
    const match = matchRoute(req.method ?? 'GET', url.pathname);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    const apiReq: ApiRequest = { params: match.params, query: url.searchParams, body };
    try {
      const handler = (controller as unknown as Record<string, (r: ApiRequest) => Promise<{ status: number; body: unknown }>>)[match.handler];
      const out = await handler.call(controller, apiReq);
      res.writeHead(out.status, { 'content-type': 'application/json' }).end(JSON.stringify(out.body));
    } catch (err) {
      // Log the route, never the request body: it may hold contact details.
      logger.error('request failed', { route: match.handler, error: String(err) });
      res.writeHead(500).end();
    }
  });
}

function matchRoute(method: string, pathname: string) {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = new RegExp('^' + route.path.replace(/:(\w+)/g, (_m, n: string) => (names.push(n), '([^/]+)')) + '$');
    const m = pattern.exec(pathname);
    if (m) return { handler: route.handler, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1]])) };
  }
  return undefined;
}

async function readJson(req: NodeJS.ReadableStream): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}
