import { expect } from '@open-wc/testing';
import { ACTION_DESCRIPTORS, FIXED_PARAMS, actionOf, actionsForStatus, hasForm } from '../../src/schema/actions.js';
import { ACTIONS } from '../../src/schema/schema.types.js';
import { REQUIRED_BY_INSTRUCTION } from '../../src/wire/doc-facts.js';
import { SPEC_UPDATE_PARAMS } from '../../src/wire/spec-params.generated.js';

describe('schema/actions: one table of actions', () => {
  it('gives every update parameter of the spec to exactly one action, and no parameter it does not have', () => {
    const specNames = SPEC_UPDATE_PARAMS.map((p) => p.name).filter((n) => !(FIXED_PARAMS as readonly string[]).includes(n));
    const owners = new Map<string, string[]>();
    for (const a of ACTIONS) for (const f of ACTION_DESCRIPTORS[a].fields) owners.set(f, [...(owners.get(f) ?? []), a]);
    expect([...owners.keys()].sort()).to.deep.equal([...specNames].sort());
    for (const [name, actions] of owners) expect(actions, name).to.have.length(1);
    for (const name of specNames) expect(actionOf(name), name).to.equal(owners.get(name)![0]);
    expect(actionOf('ReservationStatus')).to.equal(undefined);
    expect(actionOf('Hold')).to.equal(undefined);
  });

  it('requires what the docs require, and only fields of the action itself', () => {
    for (const a of ['dequeue', 'call', 'redirect', 'conference'] as const) {
      expect(ACTION_DESCRIPTORS[a].required).to.deep.equal(REQUIRED_BY_INSTRUCTION[a]);
    }
    for (const a of ACTIONS) for (const r of ACTION_DESCRIPTORS[a].required) expect(ACTION_DESCRIPTORS[a].fields, a).to.include(r);
  });

  it('offers each action in its statuses only, with Accept loudest while pending', () => {
    expect(actionsForStatus(ACTIONS, 'pending').map((a) => [a.name, a.emphasis])).to.deep.equal([
      ['accept', 'primary'],
      ['reject', 'secondary'],
      ['dequeue', 'quiet'],
      ['call', 'quiet'],
      ['redirect', 'quiet'],
      ['conference', 'quiet'],
    ]);
    expect(actionsForStatus(ACTIONS, 'accepted').map((a) => a.name)).to.deep.equal(['wrapUp', 'complete']);
    expect(actionsForStatus(ACTIONS, 'wrapping').map((a) => a.name)).to.deep.equal(['complete']);
    for (const s of ['rejected', 'timeout', 'canceled', 'rescinded', 'completed'])
      expect(actionsForStatus(ACTIONS, s), s).to.deep.equal([]);
    expect(ACTIONS.filter(hasForm)).to.deep.equal(['reject', 'dequeue', 'call', 'redirect', 'conference']);
  });
});
