/**
 * The life of a panel's token: its claims read once, its renewal planned ahead of expiry on
 * the server's clock, one retry after a refusal, and the expired state the panel waits in
 * until a new token is set. No Lit, no DOM; time and timers are injected, so tests drive it.
 *
 * Rules:
 * - The deadline is the earlier of the token's `exp` (server time) and, on the event-bridge,
 *   the `token_lifetime` its `init` frame gives (ms from then).
 * - With a provider, renewal is asked a minute ahead of the deadline (halfway through a
 *   shorter life), again at the deadline, and after any refusal (401); the refused call is
 *   retried once with the fresh token.
 * - Without a provider (or when it gives nothing new), the token is expired when the server
 *   refuses it, or when server time passes the deadline. Before the server's time is known,
 *   nothing is planned from `exp`: a page whose clock is off must not declare a good token
 *   expired. The plan is made again whenever the server's time becomes known or moves.
 */
import { readTokenClaims } from '../connection/token-claims.js';

export interface TokenSessionOptions {
  /** the page's clock, ms since the epoch (Date.now) */
  readonly now?: () => number;
  /** the server's clock minus the page's, in ms, once an answer told it; undefined before */
  readonly skew: () => number | undefined;
  /** the provider in force, if any: `() => Promise<string>` giving a fresh token */
  readonly provider: () => (() => Promise<string>) | undefined;
  /** a fresh token came from the provider: the host's `token` is to become it */
  readonly renewed: (token: string) => void;
  /** the token is no longer good and nothing renewed it (told once per expiry) */
  readonly expired: () => void;
  /** a new token ended the expired state */
  readonly resumed: () => void;
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
}

/** Renew this long before the deadline (or halfway through a shorter life), ms. */
export const RENEW_AHEAD_MS = 60_000;
/** setTimeout cannot wait longer than this (2^31 − 1 ms). */
const MAX_TIMER_MS = 2_147_483_647;

export class TokenSession {
  /** the token in force */
  token: string | undefined;
  /** the token was refused or passed its deadline, and nothing renewed it */
  isExpired = false;

  private exp: number | undefined;
  /** page-clock ms at which the event-bridge's `token_lifetime` runs out */
  private lifetimeEnd: number | undefined;
  private refusedToken: string | undefined;
  private timer: unknown;
  private renewing: Promise<boolean> | undefined;
  private readonly now: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: TokenSessionOptions) {
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  }

  /** A token is set (by the host, or renewed): plan its renewal; a token other than the refused one resumes. */
  set(token: string | undefined): void {
    if (token === this.token) return;
    this.token = token;
    this.exp = token ? readTokenClaims(token)?.exp : undefined;
    this.lifetimeEnd = undefined;
    if (this.isExpired && token && token !== this.refusedToken) {
      this.isExpired = false;
      this.options.resumed();
    }
    this.plan();
  }

  /** The event-bridge's `init` told the token's remaining life, in ms. */
  setLifetime(ms: number): void {
    this.lifetimeEnd = this.now() + ms;
    this.plan();
  }

  /** The server's time became known or moved: plan again on it. */
  clockChanged(): void {
    this.plan();
  }

  /** ms until the token's deadline on the server's clock; undefined when no deadline is known yet. */
  msLeft(): number | undefined {
    const lefts: number[] = [];
    const skew = this.options.skew();
    if (this.exp !== undefined && skew !== undefined) lefts.push(this.exp * 1000 - (this.now() + skew));
    if (this.lifetimeEnd !== undefined) lefts.push(this.lifetimeEnd - this.now());
    return lefts.length ? Math.min(...lefts) : undefined;
  }

  /**
   * Runs a call; after a refusal (`isRefusal`) asks the provider once and retries with the
   * fresh token, else expires. While expired, refuses at once with `whenExpired()`.
   */
  async guard<T>(call: () => Promise<T>, isRefusal: (e: unknown) => boolean, whenExpired: () => Error): Promise<T> {
    if (this.isExpired) throw whenExpired();
    try {
      return await call();
    } catch (e) {
      if (!isRefusal(e)) throw e;
      if (await this.renew()) return call();
      this.expire();
      throw e;
    }
  }

  /** Asks the provider for a fresh token (one request at a time); false when none came. */
  renew(): Promise<boolean> {
    const provider = this.options.provider();
    if (!provider) return Promise.resolve(false);
    const before = this.token;
    this.renewing ??= provider()
      .then(
        (fresh) => {
          if (typeof fresh !== 'string' || !fresh || fresh === before || fresh === this.refusedToken) return false;
          this.options.renewed(fresh);
          this.set(fresh);
          return true;
        },
        () => false,
      )
      .finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  /** The server refused the token (or its deadline passed): stop sending, tell the host once. */
  expire(): void {
    if (this.isExpired) return;
    this.isExpired = true;
    this.refusedToken = this.token;
    this.clearTimer(this.timer);
    this.options.expired();
  }

  dispose(): void {
    this.clearTimer(this.timer);
    this.timer = undefined;
  }

  private plan(): void {
    this.clearTimer(this.timer);
    this.timer = undefined;
    if (!this.token || this.isExpired) return;
    const left = this.msLeft();
    if (left === undefined) return;
    const ahead = this.options.provider() ? Math.min(RENEW_AHEAD_MS, Math.max(0, left / 2)) : 0;
    this.timer = this.setTimer(() => void this.due(), Math.min(MAX_TIMER_MS, Math.max(0, left - ahead)));
  }

  /** The planned moment: renew if a provider can; expire once the deadline has passed. */
  private async due(): Promise<void> {
    this.timer = undefined;
    if (await this.renew()) return;
    const left = this.msLeft();
    if (left !== undefined && left > 0) {
      this.timer = this.setTimer(() => void this.due(), Math.min(MAX_TIMER_MS, left));
      return;
    }
    this.expire();
  }
}
