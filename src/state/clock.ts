/**
 * One timer for every row of every panel on the page: subscribers get the current time
 * once a second, and the timer runs only while someone listens. No Lit, no DOM.
 */
type Tick = (now: number) => void;

const subscribers = new Set<Tick>();
let timer: ReturnType<typeof setInterval> | undefined;

export function subscribeClock(tick: Tick, periodMs = 1000): () => void {
  subscribers.add(tick);
  timer ??= setInterval(() => {
    const now = Date.now();
    for (const s of subscribers) s(now);
  }, periodMs);
  return () => {
    subscribers.delete(tick);
    if (subscribers.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
