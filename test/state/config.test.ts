import { expect } from '@open-wc/testing';
import { eventBridgeUrlOf, resolveConfig } from '../../src/state/config.js';

const WS = `WS${'a'.repeat(32)}`;
const WK = `WK${'b'.repeat(32)}`;
const jwt = (grant: object) => `x.${btoa(JSON.stringify({ grants: { task_router: grant } })).replace(/=+$/, '')}.y`;
const token = jwt({ workspace_sid: WS, worker_sid: WK });
const base = 'https://crm.example.com/app/page';

describe('state/config', () => {
  it('is waiting (not an error) without a token', () => {
    expect(resolveConfig({ apiBase: '/v1', baseUrl: base })).to.include({ ok: false, waiting: true });
    expect(resolveConfig({ connection: 'twilio', baseUrl: base })).to.include({ ok: false, waiting: true });
  });

  it('refuses malformed configuration, token or not', () => {
    const bad = [
      resolveConfig({ apiBase: '/v1', workerSid: 'WK123', baseUrl: base }),
      resolveConfig({ apiBase: 'ftp://x/v1', token, baseUrl: base }),
      resolveConfig({ apiBase: 'http://[bad', token, baseUrl: base }),
      resolveConfig({ connection: 'twilio', region: 'moon', token, baseUrl: base }),
      resolveConfig({ connection: 'twilio', eventBridgeUrl: 'javascript:alert(1)', token, baseUrl: base }),
      resolveConfig({ apiBase: '/v1', eventsUrl: 'data:,x', token, baseUrl: base }),
      resolveConfig({ token, baseUrl: base }),
    ];
    for (const c of bad) expect(c, JSON.stringify(c)).to.include({ ok: false, waiting: false });
  });

  it('reads relative URLs against the page, and the workspace and worker from the grant', () => {
    const c = resolveConfig({ apiBase: '../taskrouter/v1/', eventsUrl: '/events', token, baseUrl: base });
    expect(c).to.deep.include({
      ok: true,
      kind: 'rest',
      url: 'https://crm.example.com/taskrouter/v1',
      eventsUrl: 'https://crm.example.com/events',
    });
    expect(c.ok && c.worker).to.deep.equal({ workspaceSid: WS, workerSid: WK });
  });

  it('picks the event-bridge of the region, or the URL given', () => {
    expect(eventBridgeUrlOf('us1')).to.equal('https://event-bridge.twilio.com/v1/wschannels');
    expect(eventBridgeUrlOf('ie1')).to.equal('https://event-bridge.ie1.twilio.com/v1/wschannels');
    expect(resolveConfig({ connection: 'twilio', region: 'au1', token, baseUrl: base })).to.include({
      url: 'https://event-bridge.au1.twilio.com/v1/wschannels',
    });
    expect(resolveConfig({ connection: 'twilio', eventBridgeUrl: '/emulator/v1/wschannels', token, baseUrl: base })).to.include({
      kind: 'twilio',
      url: 'https://crm.example.com/emulator/v1/wschannels',
    });
  });
});
