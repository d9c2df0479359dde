import { expect } from '@open-wc/testing';
import { TokenSession, RENEW_AHEAD_MS } from '../../src/state/token-session.js';
import { ApiError } from '../../src/connection/errors.js';

/** A JWT whose payload has `exp` (seconds); the signature is not read. */
const jwt = (exp: number) => `x.${btoa(JSON.stringify({ exp })).replace(/=+$/, '')}.y`;

/** A clock and timers the test moves by hand. */
function manualTime(start = 1_800_000_000_000) {
  let now = start;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let next = 1;
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      const id = next++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimer: (id: unknown) => {
      timers = timers.filter((t) => t.id !== id);
    },
    /** moves the clock, running the timers that fall due (and awaiting what they start) */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.run();
        for (let i = 0; i < 5; i++) await Promise.resolve();
      }
      now = until;
    },
    pending: () => timers.length,
  };
}

function session(options: { skew?: number; provider?: () => Promise<string> } = {}) {
  const time = manualTime();
  const log: string[] = [];
  let skew = options.skew;
  const s = new TokenSession({
    now: time.now,
    skew: () => skew,
    provider: () => options.provider,
    renewed: (t) => log.push(`renewed ${t}`),
    expired: () => log.push('expired'),
    resumed: () => log.push('resumed'),
    setTimer: time.setTimer,
    clearTimer: time.clearTimer,
  });
  return { s, time, log, setSkew: (ms: number) => ((skew = ms), s.clockChanged()) };
}

describe('state/token-session', () => {
  it('plans nothing from exp before the server’s time is known', async () => {
    const { s, time, log } = session();
    s.set(jwt(time.now() / 1000 + 3600));
    expect(time.pending()).to.equal(0);
    await time.advance(2 * 3600_000);
    expect(log).to.deep.equal([]);
    expect(s.isExpired).to.equal(false);
  });

  it('expires at exp on the server’s clock, replanned when the skew becomes known (a page clock 2 h fast)', async () => {
    const { s, time, log, setSkew } = session();
    // the page's clock is two hours ahead of the server's; the token lives one hour on the server
    const serverNow = time.now() - 2 * 3600_000;
    s.set(jwt(serverNow / 1000 + 3600));
    await time.advance(1000);
    expect(log).to.deep.equal([]);
    setSkew(-2 * 3600_000);
    await time.advance(3600_000 - 2000);
    expect(log, 'still good a little before exp').to.deep.equal([]);
    await time.advance(2000);
    expect(log).to.deep.equal(['expired']);
  });

  it('replans when the skew moves', async () => {
    const { s, time, log, setSkew } = session({ skew: 0 });
    s.set(jwt(time.now() / 1000 + 600));
    setSkew(-300_000); // the server is five minutes behind: five more minutes of life
    await time.advance(600_000 + 1000);
    expect(log).to.deep.equal([]);
    await time.advance(300_000);
    expect(log).to.deep.equal(['expired']);
  });

  it('renews a minute ahead of exp through the provider, and never expires meanwhile', async () => {
    let n = 0;
    const { s, time, log } = session({ skew: 0, provider: async () => jwt(time.now() / 1000 + 3600 + ++n) });
    s.set(jwt(time.now() / 1000 + 3600));
    await time.advance(3600_000 - RENEW_AHEAD_MS - 1000);
    expect(log).to.deep.equal([]);
    await time.advance(2000);
    expect(log).to.have.length(1);
    expect(log[0]).to.match(/^renewed /);
    expect(s.token).to.equal(log[0].slice('renewed '.length));
  });

  it('renews halfway through a short life', async () => {
    const { s, time, log } = session({ skew: 0, provider: async () => jwt(time.now() / 1000 + 100) });
    s.set(jwt(time.now() / 1000 + 60));
    await time.advance(29_000);
    expect(log).to.deep.equal([]);
    await time.advance(2000);
    expect(log).to.have.length(1);
  });

  it('takes the event-bridge’s token_lifetime when it ends first', async () => {
    const { s, time, log } = session({ skew: 0 });
    s.set(jwt(time.now() / 1000 + 3600));
    s.setLifetime(120_000);
    await time.advance(121_000);
    expect(log).to.deep.equal(['expired']);
  });

  it('retries a refused call once with a fresh token, else expires once and refuses at once', async () => {
    const refusal = () => new ApiError('http', 'no', 401);
    const isRefusal = (e: unknown) => (e as ApiError).status === 401;
    const whenExpired = () => new Error('expired');

    const withProvider = session({ skew: 0, provider: async () => 'fresh' });
    withProvider.s.set('old');
    const seen: string[] = [];
    const result = await withProvider.s.guard(
      async () => {
        seen.push(withProvider.s.token!);
        if (withProvider.s.token === 'old') throw refusal();
        return 'ok';
      },
      isRefusal,
      whenExpired,
    );
    expect(result).to.equal('ok');
    expect(seen).to.deep.equal(['old', 'fresh']);

    const without = session({ skew: 0 });
    without.s.set('old');
    let calls = 0;
    const fail = () => without.s.guard(async () => (calls++, Promise.reject(refusal())), isRefusal, whenExpired);
    await fail().catch(() => {});
    await fail().catch((e: Error) => expect(e.message).to.equal('expired'));
    expect(calls, 'no call while expired').to.equal(1);
    expect(without.log).to.deep.equal(['expired']);
    without.s.set('old');
    expect(without.s.isExpired, 'the refused token does not resume').to.equal(true);
    without.s.set('new');
    expect(without.log).to.deep.equal(['expired', 'resumed']);
    expect(without.s.isExpired).to.equal(false);
  });

  it('asks the provider once for concurrent refusals', async () => {
    let calls = 0;
    const { s } = session({ skew: 0, provider: async () => (calls++, `fresh${calls}`) });
    s.set('old');
    const results = await Promise.all([s.renew(), s.renew(), s.renew()]);
    expect(results).to.deep.equal([true, true, true]);
    expect(calls).to.equal(1);
  });
});
