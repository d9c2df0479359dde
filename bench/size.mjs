// Sizes of the built panel (dist/reservation-panel.js and dist/chunks/), minified as built and
// gzipped at level 9, each file on its own (as a browser fetches them), from the build's
// import graph read with es-module-lexer: the initial load (the bundle and the chunks it
// imports statically, budget 25 kB), each on-demand chunk by name, what a panel loads before
// it shows a first list on each connection, and everything; beside the floor, lit +
// @lit/context alone, built by the same Vite/Rolldown minifier in this run.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';
import { build } from 'vite';

const DIST = 'dist';
const ENTRY = 'reservation-panel.js';
export const INITIAL_BUDGET = 25 * 1024;
const minify = { compress: true, mangle: true, codegen: true };

async function bundle(entry) {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: () => 'out.js' },
      rolldownOptions: { output: { minify } },
    },
  });
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  return chunks.map((c) => c.code).join('\n');
}

const measure = (code) => ({ minified: Buffer.byteLength(code), gzipped: gzipSync(code, { level: 9 }).length });
const sum = (ms) =>
  ms.reduce((a, m) => ({ minified: a.minified + m.minified, gzipped: a.gzipped + m.gzipped }), { minified: 0, gzipped: 0 });

/** A chunk's name: its file name without the content hash (`chunks/engine-boLZt55d.js` → `engine`). */
export const chunkName = (file) =>
  basename(file)
    .replace(/-[\w-]{8}\.js$/, '')
    .replace(/\.js$/, '');

/** The build's import graph: for each file under dist/ (relative paths), its static and dynamic imports. */
export async function importGraph(dist = DIST) {
  await init;
  const files = [
    ENTRY,
    ...readdirSync(join(dist, 'chunks'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `chunks/${f}`),
  ];
  const graph = {};
  for (const file of files) {
    const code = readFileSync(join(dist, file), 'utf8');
    // The minifier writes dynamic imports with template literals (import(`./chunks/…`)),
    // which the lexer leaves unnamed: a template literal without substitutions is read here.
    const imports = parse(code)[0].map((i) => {
      if (i.n !== undefined || i.d < 0) return i;
      const m = /^`([^`$\\]*)`$/.exec(code.slice(i.s, i.e).trim());
      return m ? { ...i, n: m[1] } : i;
    });
    const resolve = (spec) => normalize(join(dirname(file), spec));
    const relative = imports.filter((i) => i.n?.startsWith('./') || i.n?.startsWith('../'));
    graph[file] = {
      code,
      static: relative.filter((i) => i.d === -1).map((i) => resolve(i.n)),
      dynamic: relative.filter((i) => i.d > -1).map((i) => resolve(i.n)),
      /** dynamic imports whose specifier cannot be read (the graph cannot follow them) */
      unresolved: imports.filter((i) => i.d > -1 && i.n === undefined).length,
    };
  }
  return graph;
}

/** A file and everything it imports statically, transitively. */
function closure(graph, roots) {
  const seen = new Set();
  const visit = (f) => {
    if (seen.has(f)) return;
    if (!graph[f]) throw new Error(`size: ${f} is imported but not in ${DIST}/`);
    seen.add(f);
    graph[f].static.forEach(visit);
  };
  roots.forEach(visit);
  return seen;
}

export async function sizeReport() {
  // Inside the project, so the libraries resolve from its node_modules.
  mkdirSync('node_modules/.cache', { recursive: true });
  const dir = mkdtempSync(join('node_modules/.cache', 'rp-floor-'));
  const floorEntry = join(dir, 'floor.js');
  // Everything the two libraries export, so nothing is shaken away.
  writeFileSync(floorEntry, `export * from 'lit'; export * from 'lit/decorators.js'; export * from '@lit/context';\n`);
  let floorCode;
  try {
    floorCode = await bundle(floorEntry);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const floor = measure(floorCode);

  const graph = await importGraph();
  const sizes = Object.fromEntries(Object.entries(graph).map(([f, g]) => [f, measure(g.code)]));
  const total = (files) => sum([...files].map((f) => sizes[f]));
  const names = (files) => [...files].map(chunkName).sort();

  const initialFiles = closure(graph, [ENTRY]);
  const initial = total(initialFiles);
  // What the bundle loads on demand, by name: the engine on connect, beside one connection.
  const onDemand = Object.keys(graph).filter((f) => !initialFiles.has(f));
  const byName = Object.fromEntries(onDemand.map((f) => [chunkName(f), f]));
  const need = (name) => {
    if (!byName[name]) throw new Error(`size: no on-demand chunk named ${name} in ${DIST}/chunks (${Object.keys(byName).join(', ')})`);
    return byName[name];
  };
  const engine = need('engine');
  const entryLoads = new Set(graph[ENTRY].dynamic);
  for (const name of ['engine', 'rest', 'event-bridge']) {
    if (!entryLoads.has(need(name))) throw new Error(`size: the bundle does not import ${name} on demand`);
  }
  // Above 100 rows the engine also loads the virtualizer and its layout.
  const virtualizer = graph[engine].dynamic;
  const firstList = (connection, long = false) => {
    const files = closure(graph, [ENTRY, engine, need(connection), ...(long ? virtualizer : [])]);
    return { ...total(files), chunks: names([...files].filter((f) => f !== ENTRY)) };
  };
  return {
    initial: { ...initial, chunks: names([...initialFiles].filter((f) => f !== ENTRY)) },
    onDemand: Object.fromEntries(
      onDemand
        .map((f) => [
          chunkName(f),
          { ...sizes[f], file: f, imports: graph[f].static.map(chunkName), loads: graph[f].dynamic.map(chunkName) },
        ])
        .sort((a, b) => b[1].gzipped - a[1].gzipped),
    ),
    entryLoads: [...entryLoads].map(chunkName),
    firstList: {
      rest: firstList('rest'),
      twilio: firstList('event-bridge'),
      restVirtualized: firstList('rest', true),
      twilioVirtualized: firstList('event-bridge', true),
    },
    everything: total(Object.keys(graph)),
    unresolvedDynamicImports: Object.values(graph).reduce((a, g) => a + g.unresolved, 0),
    floor,
    ratio: initial.gzipped / floor.gzipped,
    overFloor: initial.gzipped - floor.gzipped,
    budget: INITIAL_BUDGET,
  };
}
