#!/usr/bin/env node
// @ts-check
/**
 * Local playground for the reference proxy, with no Twilio account: the project's TaskRouter
 * emulator (demo mode) plus a page that embeds the panel and points it at the proxy.
 *
 *   npm run build                      # the emulator and the panel come from dist/
 *   node examples/proxy/emulator.mjs   # prints the command that starts the proxy against it
 *
 * Serves on http://127.0.0.1:$EMULATOR_PORT (4010):
 *   /                        a host page: gets a token from its "backend", talks to the proxy
 *   /emulator/v1/…           the emulator's TaskRouter API (the proxy's UPSTREAM)
 *   /emulator/demo/token     the host backend's token endpoint, played by the emulator
 *   /reservation-panel.js    the panel bundle
 * PROXY_URL (http://127.0.0.1:8787/v1) is the api-base the page gives the panel.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { DEMO_WORKERS } from 'reservation-panel/emulator';
import { createEmulatorMiddleware } from 'reservation-panel/emulator/node';

const port = Number(process.env.EMULATOR_PORT || 4010);
const proxyUrl = process.env.PROXY_URL || 'http://127.0.0.1:8787/v1';
const origin = `http://127.0.0.1:${port}`;
const { middleware, emulator } = createEmulatorMiddleware({ basePath: '/emulator', demo: true });
const bundle = fileURLToPath(import.meta.resolve('reservation-panel/bundle'));

const page = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>CRM page → reference proxy → TaskRouter emulator</title>
<script type="module" src="/reservation-panel.js"></script>
<body style="font-family: system-ui; max-width: 50rem; margin: 2rem auto">
<h1>Reservations through the reference proxy</h1>
<p>api-base: <code>${proxyUrl}</code>. Worker:
  <select id="worker">${DEMO_WORKERS.map((w) => `<option value="${w.sid}">${w.friendlyName}</option>`).join('')}</select></p>
<reservation-panel api-base="${proxyUrl}"></reservation-panel>
<h2>Events</h2>
<ol id="log"></ol>
<script type="module">
  const panel = document.querySelector('reservation-panel');
  const select = document.querySelector('#worker');
  // the host backend's token endpoint (here played by the emulator)
  const fetchToken = async () => (await fetch('/emulator/demo/token?worker=' + select.value)).text();
  panel.tokenProvider = fetchToken;
  panel.token = await fetchToken();
  select.addEventListener('change', async () => { panel.token = await fetchToken(); });
  for (const type of ['reservation-load', 'reservation-status-change', 'reservation-error', 'reservation-token-expired']) {
    panel.addEventListener(type, (e) => {
      const li = document.createElement('li');
      li.textContent = type + ' ' + JSON.stringify(e.detail, (k, v) => (k === 'reservations' ? v.length + ' reservations' : k === 'reservation' ? undefined : v));
      document.querySelector('#log').prepend(li);
    });
  }
</script>
</body>
</html>
`;

const server = createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  } else if (req.method === 'GET' && req.url === '/reservation-panel.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(await readFile(bundle));
  } else {
    middleware(req, res, () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n'));
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`TaskRouter emulator and host page on ${origin}/`);
  console.log('Start the proxy against it (emulator credentials, made up for this run):\n');
  console.log(
    [
      `UPSTREAM=${origin}/emulator/v1`,
      `TWILIO_ACCOUNT_SID=${emulator.accountSid}`,
      `TWILIO_AUTH_TOKEN=${emulator.authToken}`,
      `TOKEN_SIGNING_SECRET=${emulator.signingSecret}`,
      `TOKEN_ISSUER=${emulator.apiKeySid}`,
      `ALLOWED_ORIGINS=${origin}`,
      `PORT=${new URL(proxyUrl).port || 8787}`,
      'node examples/proxy/server.mjs',
    ].join(' \\\n  '),
  );
});
const stop = () => {
  emulator.close();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
