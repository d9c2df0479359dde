// The demo page: plays a CRM screen's own code. It gets a token from the emulator's demo
// endpoint (standing in for the host's backend), hands it to the panel, and logs the
// panel's events.
import { RESERVATION_EVENT_NAMES } from '../src/index.js';
import type { ReservationPanel } from '../src/index.js';

// The panel is created once the first token is in hand, so it never starts without one.
const panel = document.createElement('reservation-panel');
panel.apiBase = '/emulator/v1';
panel.reservationTimeout = 120;
const workerSelect = document.querySelector<HTMLSelectElement>('#worker')!;
const statusSelect = document.querySelector<HTMLSelectElement>('#status')!;
const log = document.querySelector<HTMLOListElement>('#log')!;


function summarize(type: string, detail: Record<string, unknown>) {
  if (type === 'reservation-load') {
    const list = detail.reservations as unknown[];
    return `${list.length} reservation(s)`;
  }
  const { reservation: _r, ...rest } = detail;
  return JSON.stringify(rest);
}

for (const type of RESERVATION_EVENT_NAMES) {
  panel.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} ${type} ${summarize(type, (event as CustomEvent).detail ?? {})}`;
    log.prepend(item);
    while (log.children.length > 200) log.lastElementChild?.remove();
  });
}

const workers: { workspaceSid: string; workerSid: string; friendlyName: string }[] = await (
  await fetch('/emulator/demo/workers')
).json();

async function signIn(workerSid = workers[0]?.workerSid, ttl = 3600) {
  const worker = workers.find((w) => w.workerSid === workerSid);
  const query = new URLSearchParams({ ttl: String(ttl) });
  if (workerSid) query.set('worker', workerSid);
  const res = await fetch(`/emulator/demo/token?${query}`);
  panel.token = await res.text();
  // The host backend's stream of TaskRouter events, here the emulator's.
  if (worker) panel.eventsUrl = `/emulator/events/Workspaces/${worker.workspaceSid}/Workers/${worker.workerSid}`;
}

for (const w of workers) workerSelect.append(new Option(w.friendlyName, w.workerSid));
workerSelect.addEventListener('change', () => void signIn(workerSelect.value));
statusSelect.addEventListener('change', () => {
  panel.status = (statusSelect.value || undefined) as ReservationPanel['status'];
});
document.querySelector('#expire')!.addEventListener('click', () => void signIn(workerSelect.value, -1));
await signIn();
document.querySelector('#panel-slot')!.append(panel);
