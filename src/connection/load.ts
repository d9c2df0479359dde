/**
 * Loads a connection's code on demand: the panel's first bundle holds neither `ky` nor the
 * event-bridge client, only the one a panel uses is fetched. No Lit, no DOM.
 */
import type { Connection, ConnectionKind, EventBridgeConnectionConfig, RestConnectionConfig } from './connection.js';

export type ConnectionConfigOf<K extends ConnectionKind> = K extends 'rest' ? RestConnectionConfig : EventBridgeConnectionConfig;

type Factory<K extends ConnectionKind> = (config: ConnectionConfigOf<K>) => Connection;

const loading: { [K in ConnectionKind]?: Promise<Factory<K>> } = {};

/** The factory of a connection, loaded once (start it early: it is fetched while the token is). */
export function loadConnection<K extends ConnectionKind>(kind: K): Promise<Factory<K>> {
  const load = (): Promise<Factory<ConnectionKind>> =>
    kind === 'rest'
      ? import('./rest/index.js').then((m) => m.createRestConnection as Factory<ConnectionKind>)
      : import('./event-bridge/index.js').then((m) => m.createEventBridgeConnection as Factory<ConnectionKind>);
  return ((loading as Record<string, Promise<Factory<ConnectionKind>>>)[kind] ??= load()) as Promise<Factory<K>>;
}
