// A web-test-runner plugin that runs the reference proxy (examples/proxy/proxy.mjs) on
// 127.0.0.1:<free port> in front of the emulator mounted in the test server, for the
// end-to-end tests in test/proxy: browser → proxy → emulator, over real HTTP.
// - GET /__reference-proxy__/config.json → { url, origin, timeoutMs, maxBodyBytes }
// - server command 'reference-proxy-request' sends a request to the proxy from Node, for
//   what a browser cannot send (another Origin, a Cookie header)
// - server command 'reference-proxy-log' returns the proxy's log entries so far
import { createServer } from 'node:http';
import { createProxy } from '../../examples/proxy/proxy.mjs';

export const PROXY_CONFIG_PATH = '/__reference-proxy__/config.json';

/** @param {{ emulator?: { accountSid: string, authToken: string, signingSecret: string, apiKeySid: string }, emulatorPath?: string }} options */
export function referenceProxyPlugin({ emulator, emulatorPath = '/emulator' }) {
  /** @type {import('node:http').Server | undefined} */
  let server;
  let settings;
  const log = [];
  return {
    name: 'reference-proxy',
    async serverStart({ config }) {
      if (!emulator) return;
      const origin = `${config.protocol ?? 'http:'}//${config.hostname}:${config.port}`;
      const timeoutMs = 3000;
      const maxBodyBytes = 16384;
      const proxy = createProxy({
        upstream: `http://127.0.0.1:${config.port}${emulatorPath}/v1`,
        accountSid: emulator.accountSid,
        authToken: emulator.authToken,
        signingSecret: emulator.signingSecret,
        tokenIssuer: emulator.apiKeySid,
        allowedOrigins: [origin],
        timeoutMs,
        maxBodyBytes,
        log: (entry) => log.push(entry),
      });
      server = createServer(proxy.listener);
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      settings = { url: `http://127.0.0.1:${server.address().port}`, origin, timeoutMs, maxBodyBytes };
    },
    async serverStop() {
      if (!server) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    serve(context) {
      if (context.path !== PROXY_CONFIG_PATH) return undefined;
      return settings ? { body: JSON.stringify(settings), type: 'json' } : { body: 'no emulator, no proxy', status: 503 };
    },
    async executeCommand({ command, payload }) {
      if (command === 'reference-proxy-log') return log.slice();
      if (command !== 'reference-proxy-request') return undefined;
      const res = await fetch(`${settings.url}${payload.path}`, {
        method: payload.method ?? 'GET',
        headers: payload.headers ?? {},
        body: payload.body,
      });
      return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
    },
  };
}
