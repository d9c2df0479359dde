// The bench's HTTP server on 127.0.0.1: the built panel (dist/), the bench pages
// (bench/pages/), the TaskRouter emulator at /emulator with its control API and its
// event-bridge (POST calls and the WebSocket at /emulator/v1/wschannels), the rows' styles
// as the panel's source declares them (/bench/rows.css) and the baseline's data
// (/bench/data/<WS…>.json: the REST list and its tasks, fetched once per scenario).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from '../scripts/load-ts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = {
  '.js': 'text/javascript',
  '.html': 'text/html',
  '.json': 'application/json',
  '.css': 'text/css',
  '.map': 'application/json',
};
const NO_STORE = { 'cache-control': 'no-store' };

/** The panel's own CSS (host, panel and rows styles, in the order the panel's shadow root adopts them), as text. */
async function rowsCss() {
  const [{ hostStyles }, { panelStyles }, { rowStyles }] = await Promise.all([
    loadTs('src/styles/host.styles.ts'),
    loadTs('src/components/reservation-panel/reservation-panel.styles.ts'),
    loadTs('src/components/reservation-panel/rows.styles.ts'),
  ]);
  return [hostStyles, panelStyles, rowStyles].map((s) => s.cssText).join('\n');
}

/** `dist`: the built panel to serve at /dist/ (the project's dist/ by default). */
export async function startServer({ dist = join(root, 'dist') } = {}) {
  const MOUNTS = { '/dist/': dist, '/bench/': join(root, 'bench/pages') };
  const { createEmulatorMiddleware } = await loadTs('src/emulator/node.ts');
  const emulator = createEmulatorMiddleware({ basePath: '/emulator', control: true });
  const css = await rowsCss();
  /** Documents served from memory: path → JSON text. */
  const documents = new Map();
  const server = createServer((req, res) => {
    emulator.middleware(req, res, () => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      if (path === '/bench/rows.css') {
        res.writeHead(200, { 'content-type': 'text/css', ...NO_STORE }).end(css);
        return;
      }
      if (documents.has(path)) {
        res.writeHead(200, { 'content-type': 'application/json', ...NO_STORE }).end(documents.get(path));
        return;
      }
      const mount = Object.keys(MOUNTS).find((m) => path.startsWith(m));
      const file = mount && normalize(join(MOUNTS[mount], path.slice(mount.length)));
      let ok = false;
      try {
        ok = !!file && file.startsWith(MOUNTS[mount]) && statSync(file).isFile();
      } catch {
        // no such file: 404 below
      }
      if (!ok) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      // Every page starts cold: the browser revalidates nothing and reuses nothing.
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...NO_STORE });
      createReadStream(file).pipe(res);
    });
  });
  // The event-bridge's WebSockets; any other upgrade is refused.
  server.on('upgrade', (req, socket, head) => {
    if (!emulator.handleUpgrade(req, socket, head)) socket.destroy();
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;

  /** The control API, from Node. */
  const control = async (path, body) => {
    const res = await fetch(`${origin}/emulator/__control${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator control ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };

  /** Serves `value` as JSON at `path` (under /bench/) until the server closes. */
  const serveJson = (path, value) => documents.set(path, JSON.stringify(value));

  const close = () =>
    new Promise((resolve) => {
      emulator.close();
      server.close(resolve);
      server.closeAllConnections();
    });
  return { origin, control, serveJson, close };
}
