// npm run bench: builds the panel, then measures it in headless Chromium against the built
// bundle (dist/) served with the TaskRouter emulator (REST API, event-bridge and its
// WebSocket) on 127.0.0.1, prints every figure beside its budget and merges them into
// bench/results/latest.json.
//
//   npm run bench                      everything (several minutes)
//   npm run bench -- --only render,form
//   npm run bench -- --no-build        measure the dist/ already built
//
// Sections: size, render, change, latency, form, network, memory (see README, "Benchmarks").
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { launchBrowser } from './browser.mjs';
import { printReport } from './report.mjs';
import { startServer } from './server.mjs';
import { sizeReport } from './size.mjs';
import { changeSection } from './sections/change.mjs';
import { formSection } from './sections/form.mjs';
import { latencySection } from './sections/latency.mjs';
import { memorySection } from './sections/memory.mjs';
import { networkSection } from './sections/network.mjs';
import { renderSection } from './sections/render.mjs';

const BROWSER_SECTIONS = {
  render: renderSection,
  change: changeSection,
  latency: latencySection,
  form: formSection,
  network: networkSection,
  memory: memorySection,
};
const ALL = ['size', ...Object.keys(BROWSER_SECTIONS)];
const RESULTS = 'bench/results/latest.json';

const argv = process.argv.slice(2);
const onlyArg = argv.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : argv[argv.indexOf(onlyArg) + 1]).split(',') : ALL;
const unknown = only.filter((s) => !ALL.includes(s));
if (unknown.length) {
  console.error(`unknown section(s): ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
  process.exit(2);
}

const started = Date.now();
if (!argv.includes('--no-build')) execSync('npx vite build --logLevel warn', { stdio: 'inherit' });

// Earlier figures stay when only some sections run.
let results = {};
try {
  if (existsSync(RESULTS)) results = JSON.parse(readFileSync(RESULTS, 'utf8'));
} catch {
  results = {};
}

if (only.includes('size')) {
  console.log('\nsize …');
  results.size = { ...(await sizeReport()), measuredAt: new Date().toISOString() };
}

const wanted = only.filter((s) => s in BROWSER_SECTIONS);
let failed;
if (wanted.length) {
  const server = await startServer();
  let chrome;
  const stop = async () => {
    await chrome?.close();
    await server.close();
  };
  const onSignal = (signal) => void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    chrome = await launchBrowser();
    results.environment = { chromium: chrome.version, node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model };
    for (const name of wanted) {
      console.log(`\n${name} …`);
      const t = Date.now();
      try {
        const figures = await BROWSER_SECTIONS[name]({ browser: chrome.browser, defaultContext: chrome.defaultContext, server });
        results[name] = { ...figures, seconds: Math.round((Date.now() - t) / 1000), measuredAt: new Date().toISOString() };
      } catch (e) {
        failed = e;
        console.error(`  ${name} failed: ${e.stack ?? e}`);
        results[name] = { error: String(e.message ?? e), measuredAt: new Date().toISOString() };
      }
    }
  } finally {
    await stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

results.date = new Date().toISOString();
results.runSeconds = Math.round((Date.now() - started) / 1000);
results.sections = only;
mkdirSync('bench/results', { recursive: true });
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

const { over } = printReport(results);
console.log(`\n${only.join(', ')} measured in ${results.runSeconds} s; written to ${RESULTS}`);
if (failed || over) process.exitCode = 1;
