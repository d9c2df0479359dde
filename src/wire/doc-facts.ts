/**
 * Facts about UpdateWorkerReservation that Twilio's docs state and the OpenAPI
 * description does not carry (spec/worker-reservation-docs.txt, spec/NOTICE.md).
 * Shared by the form schema and the emulator, so the browser and the server refuse the
 * same values. No Lit, no DOM.
 */
import type { Instruction } from './types.js';

/** Allowed values of parameters the spec types as plain strings. */
export const DOC_ENUMS: Readonly<Record<string, readonly string[]>> = {
  Instruction: ['dequeue', 'call', 'redirect', 'conference'],
  Beep: ['true', 'false', 'onEnter', 'onExit'],
  ConferenceRecord: ['true', 'false', 'record-from-start', 'do-not-record'],
  ConferenceTrim: ['trim-silence', 'do-not-trim'],
  RecordingChannels: ['mono', 'dual'],
  // The docs page lists seven regions; the newer spec description adds us2.
  Region: ['us1', 'us2', 'ie1', 'de1', 'sg1', 'br1', 'au1', 'jp1'],
  // Not on the docs page; the spec's description lists the values.
  JitterBufferSize: ['small', 'medium', 'large', 'off'],
};

/** Inclusive bounds of integer parameters. Instruction timeouts default to 60 s, at most 999. */
export const DOC_RANGES: Readonly<Record<string, { readonly min: number; readonly max: number }>> = {
  DequeueTimeout: { min: 1, max: 999 },
  CallTimeout: { min: 1, max: 999 },
  Timeout: { min: 1, max: 999 },
  MaxParticipants: { min: 2, max: 250 },
};

/** Defaults the docs give, shown as hints (the server applies them when a field is not sent). */
export const DOC_DEFAULTS: Readonly<Record<string, string>> = {
  DequeueTimeout: '60',
  CallTimeout: '60',
  Timeout: '60',
  StatusCallbackMethod: 'POST',
  WaitMethod: 'POST',
  ConferenceStatusCallbackMethod: 'POST',
  RecordingStatusCallbackMethod: 'POST',
  ConferenceRecordingStatusCallbackMethod: 'POST',
  Beep: 'true',
  ConferenceRecord: 'false',
  ConferenceTrim: 'trim-silence',
  RecordingChannels: 'mono',
  MaxParticipants: '250',
  Record: 'false',
  Muted: 'false',
  StartConferenceOnEnter: 'true',
  EarlyMedia: 'true',
};

/** Parameters each instruction requires, besides `Instruction` itself. */
export const REQUIRED_BY_INSTRUCTION: Readonly<Record<Instruction, readonly string[]>> = {
  dequeue: ['DequeueFrom'],
  call: ['CallFrom', 'CallUrl'],
  redirect: ['RedirectCallSid', 'RedirectUrl'],
  conference: [],
};
