import { expect } from '@open-wc/testing';
import { channelOf, defaultSummary, flatten, plainSummary } from '../../src/state/task-summary.js';
import { task } from './fake-connection.js';

const withAttributes = (attributes: unknown, channel: string | null = 'voice') => ({
  ...task(`WT${'1'.repeat(32)}`),
  attributes: JSON.stringify(attributes),
  task_channel_unique_name: channel,
});
const names = (c: string) => ({ voice: 'Voice', chat: 'Chat', sms: 'SMS', email: 'Email', default: 'Task' })[c] ?? c;

describe('state/task-summary', () => {
  it('titles by name, else from, else the channel’s name', () => {
    expect(defaultSummary(withAttributes({ name: 'Jane Doe', from: '+15550100' }), names)).to.include({
      title: 'Jane Doe',
      subtitle: '+15550100',
    });
    expect(defaultSummary(withAttributes({ from: '+15550100' }), names)).to.include({ title: '+15550100' });
    expect(defaultSummary(withAttributes({}, 'sms'), names).title).to.equal('SMS');
    expect(defaultSummary(withAttributes({}, 'fax'), names).title).to.equal('fax');
    expect(defaultSummary({ ...withAttributes({}), attributes: 'not json' }, names).title).to.equal('Voice');
  });

  it('knows the chat family of channels', () => {
    for (const c of ['chat', 'conversation', 'Messaging']) expect(channelOf(withAttributes({}, c))).to.equal('chat');
    expect(channelOf(withAttributes({}, null))).to.equal('default');
  });

  it('flattens nested attributes with their paths', () => {
    expect(flatten({ a: 1, b: { c: 'x', d: [true, null] }, e: [] })).to.deep.equal([
      ['a', '1'],
      ['b.c', 'x'],
      ['b.d[0]', 'true'],
      ['b.d[1]', 'null'],
      ['e', '[]'],
    ]);
  });

  it('turns a host’s summary into plain strings', () => {
    const fallback = { title: 'fallback' };
    expect(plainSummary({ title: 42, subtitle: { a: 1 }, details: [['k', 7], 'junk'] }, fallback)).to.deep.equal({
      title: '42',
      subtitle: '{"a":1}',
      details: [['k', '7']],
    });
    expect(plainSummary(null, fallback)).to.equal(fallback);
  });
});
