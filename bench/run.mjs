// npm run bench: builds the panel, then prints each figure beside its budget and writes
// them to bench/results/latest.json.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { sizeReport } from './size.mjs';

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;

execSync('npx vite build --logLevel warn', { stdio: 'inherit' });

const size = await sizeReport();
const rows = [
  ['initial load (bundle + static chunks), minified', kB(size.panel.minified), ''],
  ['initial load, gzipped', kB(size.panel.gzipped), `≤ ${kB(size.budget)} ${size.panel.gzipped <= size.budget ? 'ok' : 'OVER'}`],
  ...Object.entries(size.lazy).map(([name, m]) => [`  on demand: ${name}, gzipped`, kB(m.gzipped), '']),
  ['everything, every form included, gzipped', kB(size.all.gzipped), ''],
  ['floor (lit + @lit/context + ky), gzipped', kB(size.floor.gzipped), ''],
  ['bundle / floor', `${size.ratio.toFixed(2)}×`, ''],
  ['bundle − floor', kB(size.overFloor), ''],
];

const width = Math.max(...rows.map((r) => r[0].length));
console.log('\nSize');
for (const [name, value, budget] of rows) console.log(`  ${name.padEnd(width)}  ${value.padStart(9)}  ${budget}`);

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ date: new Date().toISOString(), size }, null, 2));
console.log('\nwritten to bench/results/latest.json');
