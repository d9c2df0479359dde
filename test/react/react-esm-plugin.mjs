// A web-test-runner plugin that lets browser tests import React. React ships CommonJS only,
// which the test server does not convert; this plugin resolves `react`, `react-dom`,
// `react-dom/client` and `react/jsx-runtime` to ES modules that esbuild builds from the
// installed packages, once, on first use. The entries share one chunk, so there is one
// React instance. Named exports are listed from the packages as Node loads them.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PREFIX = '/__react-esm__/';
const MODULES = {
  react: 'react',
  'react-dom': 'react-dom',
  'react-dom/client': 'react-dom-client',
  'react/jsx-runtime': 'react-jsx-runtime',
};
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The export names of each module, read in a child Node process (React is not loaded into the runner's). */
function exportNames() {
  const script = `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(Object.keys(MODULES))}.map((s) => [s, Object.keys(require(s))]))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
}

function entrySource(specifier, allNames) {
  const names = allNames[specifier].filter((n) => n !== 'default' && IDENTIFIER.test(n));
  return `import m from ${JSON.stringify(specifier)};\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
}

async function buildReact() {
  const names = exportNames();
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(MODULES).map(([spec, name]) => [name, `react-esm-entry:${spec}`])),
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    outdir: '/react-esm',
    write: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"development"' },
    plugins: [
      {
        name: 'react-esm-entries',
        setup(b) {
          b.onResolve({ filter: /^react-esm-entry:/ }, (args) => ({ path: args.path.slice(16), namespace: 'react-esm-entry' }));
          b.onLoad({ filter: /.*/, namespace: 'react-esm-entry' }, (args) => ({
            contents: entrySource(args.path, names),
            resolveDir: root,
            loader: 'js',
          }));
        },
      },
    ],
  });
  return new Map(result.outputFiles.map((f) => [`${PREFIX}${f.path.slice('/react-esm/'.length)}`, f.text]));
}

export function reactEsmPlugin() {
  let files;
  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (Object.hasOwn(MODULES, source)) return `${PREFIX}${MODULES[source]}.js`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      files ??= buildReact();
      const body = (await files).get(context.path);
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
