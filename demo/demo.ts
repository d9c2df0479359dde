// The demo page: plays a CRM screen's own code. It gets a token from the emulator's demo
// endpoint (standing in for the host's backend), hands it to the panel, and logs the
// panel's events. By default the panel takes the path production takes: Twilio's
// event-bridge (here the emulator's, at /emulator/v1/wschannels), with the token alone.
import { RESERVATION_EVENT_NAMES } from '../src/index.js';
import type { ReservationPanel } from '../src/index.js';

// The panel is created once the first token is in hand, so it never starts without one.
const panel = document.createElement('reservation-panel');
panel.reservationTimeout = 120;
const workerSelect = document.querySelector<HTMLSelectElement>('#worker')!;
const statusSelect = document.querySelector<HTMLSelectElement>('#status')!;
const connectionSelect = document.querySelector<HTMLSelectElement>('#connection')!;

/** Twilio's event-bridge (the emulator's), or the REST API with the emulator's event stream. */
function useConnection(kind: string) {
  if (kind === 'rest') {
    panel.connection = undefined;
    panel.apiBase = '/emulator/v1';
  } else {
    panel.connection = 'twilio';
    panel.eventBridgeUrl = '/emulator/v1/wschannels';
  }
}
useConnection(connectionSelect.value);
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

const workers: { workspaceSid: string; workerSid: string; friendlyName: string }[] = await (await fetch('/emulator/demo/workers')).json();

/** The host backend's token endpoint, here the emulator's demo one. */
async function fetchToken(workerSid = workerSelect.value || workers[0]?.workerSid, ttl = 3600): Promise<string> {
  const query = new URLSearchParams({ ttl: String(ttl) });
  if (workerSid) query.set('worker', workerSid);
  const res = await fetch(`/emulator/demo/token?${query}`);
  return res.text();
}

async function signIn(workerSid = workers[0]?.workerSid, ttl = 3600) {
  const worker = workers.find((w) => w.workerSid === workerSid);
  panel.token = await fetchToken(workerSid, ttl);
  // The REST connection's stream of TaskRouter events from the host backend, here the emulator's.
  if (worker) panel.eventsUrl = `/emulator/events/Workspaces/${worker.workspaceSid}/Workers/${worker.workerSid}`;
}

for (const w of workers) workerSelect.append(new Option(w.friendlyName, w.workerSid));
workerSelect.addEventListener('change', () => void signIn(workerSelect.value));
statusSelect.addEventListener('change', () => {
  panel.status = (statusSelect.value || undefined) as ReservationPanel['status'];
});
connectionSelect.addEventListener('change', () => useConnection(connectionSelect.value));
document.querySelector('#expire')!.addEventListener('click', () => {
  // An expired token and no provider: the panel says so and waits until the page signs in again.
  panel.tokenProvider = undefined;
  void signIn(workerSelect.value, -1);
});
document.querySelector('#renew')!.addEventListener('click', () => {
  panel.tokenProvider = () => fetchToken();
  void signIn(workerSelect.value);
});
panel.tokenProvider = () => fetchToken();
await signIn();
document.querySelector('#panel-slot')!.append(panel);
