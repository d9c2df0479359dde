#!/usr/bin/env node
// @ts-check
/**
 * The reference proxy as a standalone server. Configuration from the environment:
 *
 *   TWILIO_ACCOUNT_SID    required: the account SID (AC…), the HTTP Basic user upstream
 *   TWILIO_AUTH_TOKEN     the account's auth token, the HTTP Basic password upstream; or
 *   TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET  an API key used upstream instead (preferred)
 *   TOKEN_SIGNING_SECRET  required: the HS256 key the panel's Access Tokens are signed with
 *                         (the secret of the API key your token endpoint signs with)
 *   TOKEN_ISSUER          optional: the tokens' required `iss` (that API key's SID, SK…)
 *   UPSTREAM              default https://taskrouter.twilio.com/v1
 *   ALLOWED_ORIGINS       comma-separated browser origins, e.g. https://crm.example.com
 *   PORT                  default 8787;  HOST  default 127.0.0.1
 *   BASE_PATH             default /v1 (the panel's api-base is this server's URL + BASE_PATH)
 *   TIMEOUT_MS            upstream timeout, default 10000
 *
 * Logs one JSON line per request to stdout (method, path, status, worker, duration);
 * never a token, a credential or a body.
 */
import { createServer } from 'node:http';
import { createProxy, DEFAULT_UPSTREAM } from './proxy.mjs';

const env = process.env;
const useApiKey = Boolean(env.TWILIO_API_KEY_SID || env.TWILIO_API_KEY_SECRET);
const required = [
  'TWILIO_ACCOUNT_SID',
  'TOKEN_SIGNING_SECRET',
  ...(useApiKey ? ['TWILIO_API_KEY_SID', 'TWILIO_API_KEY_SECRET'] : ['TWILIO_AUTH_TOKEN']),
];
const missing = required.filter((name) => !env[name]);
if (missing.length > 0) {
  console.error(`reservation-panel proxy: set ${missing.join(', ')} (see examples/proxy/README.md)`);
  process.exit(1);
}
const upstream = env.UPSTREAM || DEFAULT_UPSTREAM;
const isLoopback = (/** @type {string} */ host) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(host);
if (new URL(upstream).protocol !== 'https:' && !isLoopback(new URL(upstream).hostname)) {
  console.error(`reservation-panel proxy: UPSTREAM must be https (got ${new URL(upstream).origin})`);
  process.exit(1);
}

const proxy = createProxy({
  upstream,
  accountSid: /** @type {string} */ (env.TWILIO_ACCOUNT_SID),
  authToken: env.TWILIO_AUTH_TOKEN,
  apiKey: useApiKey
    ? { sid: /** @type {string} */ (env.TWILIO_API_KEY_SID), secret: /** @type {string} */ (env.TWILIO_API_KEY_SECRET) }
    : undefined,
  signingSecret: env.TOKEN_SIGNING_SECRET,
  tokenIssuer: env.TOKEN_ISSUER || undefined,
  allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean),
  basePath: env.BASE_PATH || '/v1',
  timeoutMs: Number(env.TIMEOUT_MS || 10_000),
  log: (entry) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`),
});

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('ok\n');
    return;
  }
  proxy.listener(req, res);
});
// slow or stuck clients do not hold sockets for long
server.headersTimeout = 10_000;
server.requestTimeout = 30_000;
server.keepAliveTimeout = 5_000;

const port = Number(env.PORT || 8787);
const host = env.HOST || '127.0.0.1';
server.listen(port, host, () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.error(`reservation-panel proxy on http://${host}:${address.port}${env.BASE_PATH || '/v1'} → ${new URL(upstream).origin}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
