// Prepares what Storybook serves besides the stories (run by `npm run storybook` and
// `npm run build-storybook`, and by the static Storybook test):
// - .storybook/generated/custom-elements.json: the manifest the controls and docs come from;
// - .storybook/generated/public/emulator-sw.js: the TaskRouter emulator as a Service Worker,
//   which answers the stories' requests when no server hosts the emulator (the static build).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const generated = `${root}.storybook/generated`;

export async function prepareStorybook() {
  mkdirSync(`${generated}/public`, { recursive: true });
  const cem = spawnSync(
    process.execPath,
    [
      `${root}node_modules/@custom-elements-manifest/analyzer/cem.js`,
      'analyze',
      '--config',
      '.storybook/custom-elements-manifest.config.mjs',
      '--quiet',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (cem.status !== 0) throw new Error('custom elements manifest: the analyzer failed');
  await build({
    entryPoints: [`${root}.storybook/emulator/service-worker.ts`],
    outfile: `${generated}/public/emulator-sw.js`,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await prepareStorybook();
