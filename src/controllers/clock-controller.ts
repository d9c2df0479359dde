import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { subscribeClock } from '../state/clock.js';

/**
 * The time for a host's rendering, once a second from the page's one shared timer,
 * corrected to the server's clock by `skew()` (server minus page, ms). Ticks only while the
 * host is connected, and asks it to update on every tick.
 */
export class ClockController implements ReactiveController {
  /** the server's time, ms since the epoch */
  now: number;
  private stop?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly skew: () => number,
  ) {
    this.now = Date.now();
    host.addController(this);
  }

  hostConnected(): void {
    this.now = Date.now() + this.skew();
    this.stop = subscribeClock((now) => {
      this.now = now + this.skew();
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.stop?.();
  }
}
