/**
 * A Server-Sent Events stream of TaskRouter `reservation.*` events for one worker, as a
 * host backend that receives TaskRouter's event callbacks would push them to its pages:
 * `GET ${basePath}/events/Workspaces/{WS}/Workers/{WK}`, authenticated like the API.
 * Each event: `event: reservation.accepted` and `data:` the callback's fields as JSON.
 */
import { authenticate, authorize } from './auth.js';
import type { EmulatorContext } from './context.js';
import { notFound } from './errors.js';
import type { ReservationListener } from './state.js';

/** A comment line every this many ms keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

export async function eventStreamRoute(ctx: EmulatorContext, request: Request, wsSid: string, wkSid: string) {
  const auth = await authenticate(ctx.auth, request.headers.get('authorization'));
  authorize(auth, wsSid, wkSid);
  const ws = ctx.store.workspaces.get(wsSid);
  if (!ws?.workers.has(wkSid)) throw notFound(`Worker ${wkSid} was not found in workspace ${wsSid}`);
  const encoder = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const listener: ReservationListener = (w, r, eventType) => {
        if (w !== ws || r.workerSid !== wkSid) return;
        const data = {
          EventType: eventType,
          ResourceType: 'reservation',
          ResourceSid: r.sid,
          TaskSid: r.taskSid,
          WorkerSid: r.workerSid,
          WorkspaceSid: r.workspaceSid,
          Timestamp: String(Math.floor(r.updated / 1000)),
        };
        send(`event: ${eventType}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
      (keepAlive as { unref?: () => void }).unref?.();
      stop = () => {
        clearInterval(keepAlive);
        ctx.store.listeners.delete(listener);
        ctx.streams.delete(stop);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      ctx.store.listeners.add(listener);
      ctx.streams.add(stop);
      request.signal.addEventListener('abort', () => stop());
      send(': connected\nretry: 1000\n\n');
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' },
  });
}
