import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { subscribeClock } from '../state/clock.js';

/** A clock step longer than this while the page is visible means the computer slept. */
export const WAKE_GAP_MS = 10_000;

export interface PageCallbacks {
  /** the page was hidden or shown (`visibilitychange`) */
  hidden(hidden: boolean): void;
  /** the page may have missed changes: back `online`, or awake after sleep */
  resync(): void;
}

/**
 * The page around a panel: whether it is visible, back online, or awake again after the
 * computer slept (a clock step far longer than a second while visible). Listens only while
 * its host is connected.
 */
export class PageController implements ReactiveController {
  private stopClock?: () => void;
  private last = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly callbacks: PageCallbacks,
  ) {
    host.addController(this);
  }

  get hidden(): boolean {
    return document.visibilityState === 'hidden';
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.handleVisibility);
    window.addEventListener('online', this.handleOnline);
    this.last = Date.now();
    this.stopClock = subscribeClock((now) => {
      if (now - this.last > WAKE_GAP_MS && !this.hidden) this.callbacks.resync();
      this.last = now;
    });
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.handleVisibility);
    window.removeEventListener('online', this.handleOnline);
    this.stopClock?.();
  }

  private readonly handleVisibility = () => this.callbacks.hidden(this.hidden);

  private readonly handleOnline = () => this.callbacks.resync();
}
