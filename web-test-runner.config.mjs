import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, defaultReporter } from '@web/test-runner';
import { loadTs } from './scripts/load-ts.mjs';
import { storybookStatic } from './scripts/storybook-static.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { CHROMIUM, CHROMIUM_FLAGS } from './scripts/chromium.mjs';
import { packageContentsPlugin } from './test/package/package-plugin.mjs';
import { referenceProxyPlugin } from './test/proxy/proxy-plugin.mjs';
import { reactEsmPlugin } from './test/react/react-esm-plugin.mjs';

// The real emulator, mounted into the test server at /emulator: element tests talk to it
// over HTTP with the same wire format a TaskRouter-compatible proxy serves.
// WTR_NO_EMULATOR=1 runs pure tests without it (while the emulator itself is being changed).
// `emulatorServer.emulator` holds its credentials (accountSid, authToken, signingSecret).
const emulatorServer = process.env.WTR_NO_EMULATOR
  ? undefined
  : (await loadTs('src/emulator/node.ts')).createEmulatorMiddleware({ basePath: '/emulator', control: true });
const emulator = emulatorServer?.middleware ?? ((_req, _res, next) => next());

// The emulator's event-bridge WebSocket (/emulator/v1/wschannels) on the test server's
// `upgrade` event. The runner's own socket (/wds, @web/dev-server-core's
// WebSocketsManager) listens there too and takes only its path; handleUpgrade takes only
// /emulator/… and leaves every other upgrade alone.
const emulatorSockets = {
  name: 'emulator-event-bridge-sockets',
  serverStart({ server }) {
    if (!emulatorServer || !server) return;
    server.on('upgrade', (req, socket, head) => emulatorServer.handleUpgrade(req, socket, head));
  },
  serverStop() {
    emulatorServer?.close();
  },
};

// The static Storybook (built before the run when stale), served under /storybook-static/ for test/storybook
const storybook = storybookStatic();

const chromeArgs = [
  ...CHROMIUM_FLAGS,
  // No test page may be throttled as a background page.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // One page at a time: a page in a background tab is 'hidden', and the panel rightly stops
  // polling while hidden.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 20 * 60 * 1000,
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: CHROMIUM, args: chromeArgs },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    // React (CommonJS) as ES modules for test/react
    reactEsmPlugin(),
    // the reference proxy (examples/proxy) in front of the emulator, for test/proxy
    referenceProxyPlugin({ emulator: emulatorServer?.emulator, emulatorPath: '/emulator' }),
    // `npm run build` + `npm pack --dry-run`, for test/package
    packageContentsPlugin(),
    storybook.plugin,
    emulatorSockets,
  ],
  middleware: [
    storybook.middleware,
    function emulatorMiddleware(ctx, next) {
      if (!ctx.path.startsWith('/emulator/')) return next();
      ctx.respond = false;
      // The emulator answers by itself; without this, requests it drops or that time out
      // would be listed by the runner as 404s.
      ctx.status = 200;
      ctx.res.statusMessage = ''; // let the emulator's status carry its own reason phrase
      return new Promise((resolve) => {
        ctx.res.on('finish', resolve);
        ctx.res.on('close', resolve);
        emulator(ctx.req, ctx.res, () => {
          ctx.respond = true;
          resolve(next());
        });
      });
    },
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
