/**
 * A fetch-based Server-Sent Events client for TaskRouter-style `reservation.*` events, so
 * the stream is authenticated with the same `Authorization` header as the API
 * (`EventSource` cannot send headers). Reconnects with backoff; no Lit, no DOM.
 */
import { createParser } from 'eventsource-parser';

/** A TaskRouter event callback's fields, as a host backend forwards them. */
export interface TaskRouterEvent {
  EventType?: string;
  ResourceSid?: string;
  TaskSid?: string;
  WorkerSid?: string;
  WorkspaceSid?: string;
  Timestamp?: string;
  [field: string]: unknown;
}

export interface EventStreamOptions {
  url: string;
  /** read before each connection; without a token the client waits and tries again */
  getToken: () => string | undefined;
  onEvent: (event: TaskRouterEvent) => void;
  /** the stream is connected and healthy */
  onOpen?: () => void;
  /** the stream failed or ended; it reconnects by itself */
  onClose?: () => void;
  /** first reconnection delay in ms (default 1000), doubled up to 30 s */
  retryMs?: number;
}

/** Opens the stream and keeps it open; returns a function that closes it for good. */
export function openEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  const { signal } = controller;
  let delay = options.retryMs ?? 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async () => {
    const token = options.getToken();
    let opened = false;
    try {
      if (!token) throw new Error('no token');
      const response = await fetch(options.url, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        cache: 'no-store',
        signal,
      });
      if (!response.ok || !response.body || !response.headers.get('content-type')?.includes('text/event-stream')) {
        throw new Error(`event stream: HTTP ${response.status}`);
      }
      opened = true;
      delay = options.retryMs ?? 1000;
      options.onOpen?.();
      const parser = createParser({
        onEvent: (message) => {
          try {
            const data = JSON.parse(message.data) as TaskRouterEvent;
            if (data && typeof data === 'object') options.onEvent({ EventType: message.event, ...data });
          } catch {
            // not JSON: not a TaskRouter event
          }
        },
        onRetry: (ms) => (delay = ms),
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch {
      // reconnect below
    }
    if (signal.aborted) return;
    if (opened) options.onClose?.();
    timer = setTimeout(connect, delay);
    delay = Math.min(30_000, delay * 2);
  };

  void connect();
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}
