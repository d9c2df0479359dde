import { defineConfig, type Plugin } from 'vite';
import { createEmulatorMiddleware } from './src/emulator/node.js';

/** Mounts the TaskRouter emulator (demo mode) at /emulator on the dev and preview servers. */
function emulator(): Plugin {
  const mount = () => createEmulatorMiddleware({ basePath: '/emulator', demo: true, control: true }).middleware;
  return {
    name: 'reservation-panel-emulator',
    configureServer(server) {
      server.middlewares.use(mount());
    },
    configurePreviewServer(server) {
      server.middlewares.use(mount());
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
