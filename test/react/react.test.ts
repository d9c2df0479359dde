import { expect } from '@open-wc/testing';
import * as React from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import {
  ReservationPanel,
  type ReservationLoadEvent,
  type ReservationPanelElement,
  type ReservationStatusChangeEvent,
  type ReservationPanelProps,
} from '../../src/react/index.js';
import { ReservationLoadEvent as LoadEventClass } from '../../src/index.js';
import { API_BASE, getReservation, scenario } from '../support/emulator.js';
import { rows, waitFor } from '../support/panel.js';

/** A button by its text, looking inside shadow roots too. */
function findButton(node: Element, name: string): HTMLButtonElement | undefined {
  if (node instanceof HTMLButtonElement && node.textContent?.trim() === name) return node;
  for (const child of [...(node.shadowRoot?.children ?? []), ...node.children]) {
    const found = findButton(child, name);
    if (found) return found;
  }
  return undefined;
}

describe('reservation-panel/react', () => {
  let container: HTMLElement;
  let root: Root;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
  });

  const render = (props: ReservationPanelProps) => flushSync(() => root.render(React.createElement(ReservationPanel, props)));

  it('renders <reservation-panel> with properties and delivers reservation-load to onReservationLoad', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }, { status: 'accepted' }] });
    const loads: ReservationLoadEvent[] = [];
    const ref = React.createRef<ReservationPanelElement>();
    render({ ref, apiBase: API_BASE, token: s.token, pollInterval: 0, onReservationLoad: (e) => loads.push(e) });

    const el = container.querySelector('reservation-panel')!;
    expect(el).to.not.equal(null);
    expect(ref.current).to.equal(el);
    // set as properties, not attributes: the token never lands in the DOM
    expect(el.apiBase).to.equal(API_BASE);
    expect(el.token).to.equal(s.token);
    expect(el.pollInterval).to.equal(0);
    expect(container.innerHTML).not.to.include(s.token);

    await waitFor(() => loads.length === 1, 'onReservationLoad');
    const [load] = loads;
    expect(load).to.be.instanceOf(LoadEventClass);
    expect(load!.type).to.equal('reservation-load');
    expect(load!.detail.reservations.map((r) => r.sid)).to.have.members(s.reservations.map((r) => r.sid));
    await waitFor(() => rows(el).length === 2, 'two rows');
  });

  it('delivers reservation-status-change to onReservationStatusChange after an action, and follows new props', async () => {
    const s = await scenario({ reservations: [{ status: 'pending' }] });
    const [reservation] = s.reservations;
    const changes: ReservationStatusChangeEvent[] = [];
    const loads: ReservationLoadEvent[] = [];
    const props: ReservationPanelProps = {
      apiBase: API_BASE,
      token: s.token,
      pollInterval: 0,
      onReservationLoad: (e) => loads.push(e),
      onReservationStatusChange: (e) => changes.push(e),
    };
    render(props);
    const el = container.querySelector('reservation-panel')!;
    await waitFor(() => rows(el).length === 1, 'one row');

    const accept = await waitFor(() => findButton(rows(el)[0]!, 'Accept'), 'Accept button');
    accept.click();
    await waitFor(() => changes.length === 1, 'onReservationStatusChange');
    expect(changes[0]!.detail).to.include({ sid: reservation!.sid, previousStatus: 'pending', status: 'accepted', source: 'action' });
    expect((await getReservation(s.workspaceSid, reservation!.sid)).reservation_status).to.equal('accepted');

    // a new prop value reaches the element; a new handler replaces the old one
    const later: ReservationLoadEvent[] = [];
    render({ ...props, status: 'completed', onReservationLoad: (e) => later.push(e) });
    expect(el.status).to.equal('completed');
    await waitFor(() => later.length >= 1, 'onReservationLoad after the new filter');
    expect(later.at(-1)!.detail.reservations).to.deep.equal([]);
    expect(loads).to.have.length(1);
  });
});
