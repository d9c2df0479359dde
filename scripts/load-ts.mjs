// Loads a TypeScript module of this project into Node (config files and benchmarks run
// in plain Node 20): bundles it with esbuild, keeping npm packages external.
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function loadTs(entry) {
  const outdir = `${root}node_modules/.cache/reservation-panel`;
  mkdirSync(outdir, { recursive: true });
  const outfile = `${outdir}/${entry.replace(/[^a-z0-9]+/gi, '_')}.mjs`;
  await build({
    entryPoints: [`${root}${entry}`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}
