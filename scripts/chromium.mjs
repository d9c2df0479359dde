// Debian's Chromium as the tests and the benchmarks start it on these machines: headless,
// as root (--no-sandbox), and quiet on a closed network (without the background-networking
// flags it stalls on connections the network refuses).
export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  '--disable-extensions',
];
