// The bench's HTTP server on 127.0.0.1: the built panel (dist/), the bench pages
// (bench/pages/) and the TaskRouter emulator at /emulator with its control API.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from '../scripts/load-ts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.css': 'text/css', '.map': 'application/json' };
const MOUNTS = { '/dist/': join(root, 'dist'), '/bench/': join(root, 'bench/pages') };

export async function startServer() {
  const { createEmulatorMiddleware } = await loadTs('src/emulator/node.ts');
  const { middleware } = createEmulatorMiddleware({ basePath: '/emulator', control: true });
  const server = createServer((req, res) => {
    middleware(req, res, () => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      const mount = Object.keys(MOUNTS).find((m) => path.startsWith(m));
      const file = mount && normalize(join(MOUNTS[mount], path.slice(mount.length)));
      let ok = false;
      try {
        ok = !!file && file.startsWith(MOUNTS[mount]) && statSync(file).isFile();
      } catch {}
      if (!ok) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      // Every page starts cold: the browser revalidates nothing and reuses nothing.
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      createReadStream(file).pipe(res);
    });
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

  const close = () =>
    new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    });
  return { origin, control, close };
}
