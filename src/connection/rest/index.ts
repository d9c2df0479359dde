/**
 * The REST connection: a TaskRouter-compatible endpoint at `api-base` (the host's proxy or
 * the emulator), read by polling, with an optional Server-Sent Events stream of TaskRouter
 * events (`events-url`) that makes changes show at once. Loaded on demand. No Lit, no DOM.
 */
import type { Connection, Fetched, RestConnectionConfig } from '../connection.js';
import { createRestClient } from './client.js';

/** While the event stream is open, polling runs this many times slower. */
export const STREAM_POLL_FACTOR = 6;

const WR = /^WR[0-9a-fA-F]{32}$/;
const WT = /^WT[0-9a-fA-F]{32}$/;

export function createRestConnection(config: RestConnectionConfig): Connection {
  const client = createRestClient({
    apiBase: config.apiBase,
    worker: config.worker,
    getToken: config.getToken,
    timeoutMs: config.timeoutMs,
    onServerDate: config.onServerDate,
  });
  const fetched = (reservation: Fetched['reservation']): Fetched => ({ reservation });
  const { eventsUrl } = config;
  return {
    kind: 'rest',
    lists: 'all',
    livePollFactor: STREAM_POLL_FACTOR,
    async list(options) {
      // The largest page the API allows: the fewest round trips for a long list.
      const listed = await client.list({ ...options, pageSize: 1000 });
      return { items: listed.items.map(fetched), ...(listed.unreadable && { unreadable: listed.unreadable }) };
    },
    fetch: async (sid, options) => fetched(await client.fetch(sid, options)),
    update: async (sid, params, options) => fetched(await client.update(sid, params, options)),
    fetchTask: (sid, options) => client.fetchTask(sid, options),
    listActivities: (options) => client.listActivities(options),
    fetchWorker: (options) => client.fetchWorker(options),
    ...(eventsUrl && {
      live(listener) {
        let stop = () => {};
        let stopped = false;
        // The stream client loads only for panels that have an events-url.
        void import('./events.js').then(({ openEventStream }) => {
          if (stopped) return;
          stop = openEventStream({
            url: eventsUrl,
            getToken: config.getToken,
            onOpen: () => listener({ type: 'open' }),
            onClose: () => listener({ type: 'closed' }),
            onEvent: (event) => {
              const type = event.EventType ?? '';
              if (event.WorkerSid && event.WorkerSid !== config.worker.workerSid) return;
              if (type.startsWith('reservation.') && WR.test(event.ResourceSid ?? '')) {
                listener({ type: 'reservation-sid', sid: event.ResourceSid! });
              } else if (type.startsWith('task.') && WT.test(event.TaskSid ?? event.ResourceSid ?? '')) {
                listener({ type: 'task-sid', sid: (event.TaskSid ?? event.ResourceSid)! });
              }
            },
          });
        });
        return () => {
          stopped = true;
          stop();
        };
      },
    }),
  };
}
