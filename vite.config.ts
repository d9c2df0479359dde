import type { Server as HttpServer } from 'node:http';
import { defineConfig, type Connect, type Plugin } from 'vite';
import { createEmulatorMiddleware } from './src/emulator/node.js';

/**
 * Mounts the TaskRouter emulator (demo mode) at /emulator on the dev and preview servers:
 * its HTTP routes as middleware, and its event-bridge WebSocket (/emulator/v1/wschannels)
 * on the server's `upgrade` event beside Vite's own HMR socket, which it leaves alone.
 * Storybook runs Vite in middleware mode: there the socket goes on Storybook's server,
 * which Storybook hands to Vite as `server.hmr.server`.
 */
function emulator(): Plugin {
  const mount = (middlewares: Connect.Server, httpServer: HttpServer | null | undefined) => {
    const mounted = createEmulatorMiddleware({ basePath: '/emulator', demo: true, control: true });
    middlewares.use(mounted.middleware);
    httpServer?.on('upgrade', (req, socket, head) => mounted.handleUpgrade(req, socket, head));
    httpServer?.on('close', () => mounted.close());
  };
  return {
    name: 'reservation-panel-emulator',
    configureServer(server) {
      const hmr = server.config.server.hmr;
      const hmrServer = typeof hmr === 'object' ? (hmr.server as HttpServer | undefined) : undefined;
      mount(server.middlewares, (server.httpServer as HttpServer | null) ?? hmrServer);
    },
    configurePreviewServer(server) {
      mount(server.middlewares, server.httpServer as HttpServer);
    },
  };
}

export default defineConfig({
  plugins: [emulator()],
  build: {
    target: 'es2022',
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'reservation-panel.js',
    },
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // Lets shared code (lit, helpers) merge into the bundle itself rather than into
      // extra chunks the page would have to load at start.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: { compress: true, mangle: true, codegen: true },
        // Parts loaded on demand (the forms, the event-stream client) sit beside the bundle.
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
