/**
 * The default parameter schema, derived from the official spec's UpdateWorkerReservation
 * parameters (spec-params.generated.ts) and the facts Twilio's docs add (doc-facts.ts).
 */
import { DOC_DEFAULTS, DOC_ENUMS, DOC_RANGES } from '../wire/doc-facts.js';
import type { ActionName, Choice, FieldDescriptor, FieldKind, ParameterSchema } from './schema.types.js';
import { ACTIONS } from './schema.types.js';
import { ACTION_DESCRIPTORS, actionOf } from './actions.js';
import { SPEC_UPDATE_PARAMS, type SpecParam } from '../wire/spec-params.generated.js';

/** Labels that the parameter name alone does not give; keyed by wire name, then by the name without its action prefix. */
const LABELS: Readonly<Record<string, string>> = {
  WorkerActivitySid: 'New activity',
  PostWorkActivitySid: 'Activity after the call',
  From: 'Caller ID',
  To: 'Worker contact',
  Timeout: 'Ring timeout (seconds)',
  Url: 'TwiML URL',
  Accept: 'Accept the reservation',
  DequeueRecord: 'Recording',
  CallRecord: 'Recording',
  Record: 'Record participant',
  Muted: 'Join muted',
  StartConferenceOnEnter: 'Start conference when joining',
  EndConferenceOnExit: 'End conference when leaving',
  EndConferenceOnCustomerExit: 'End conference when customer leaves',
  BeepOnCustomerEntrance: 'Beep when customer joins',
  WaitUrl: 'Hold music URL',
  WaitMethod: 'Hold music method',
  MaxParticipants: 'Maximum participants',
  ConferenceRecord: 'Record conference',
  ConferenceTrim: 'Trim silence',
  SipAuthUsername: 'SIP username',
  SipAuthPassword: 'SIP password',
};

/** Fields shown without opening "advanced", in form order; required fields are always basic. */
const BASIC = (
  'WorkerActivitySid DequeueFrom DequeueTo DequeueTimeout CallFrom CallTo CallUrl CallAccept CallTimeout ' +
  'RedirectCallSid RedirectUrl RedirectAccept To From Timeout Record Muted StartConferenceOnEnter ' +
  'EndConferenceOnExit EndConferenceOnCustomerExit'
).split(' ');

const ACRONYMS: Readonly<Record<string, string>> = { url: 'URL', sid: 'SID', sip: 'SIP' };

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The spec's markdown description as plain text: links reduced to their text, no code ticks. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/:`/g, ': `')
    .replace(/`/g, '');
}

/** A readable label for an enum value: `true` → Yes, `record-from-start` → Record from start, `onEnter` → On enter, `us1` → US1, `GET` → GET. */
export function choiceLabel(value: string): string {
  if (value === 'true') return 'Yes';
  if (value === 'false') return 'No';
  if (/\d/.test(value)) return value.toUpperCase();
  return capitalize(value.replace(/-/g, ' ').replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`));
}

const choices = (values: readonly string[]): Choice[] => values.map((value) => ({ value, label: choiceLabel(value) }));

/** The field kind a spec parameter maps to. */
export function kindOf(p: SpecParam): FieldKind {
  if (p.type === 'boolean' || p.type === 'integer') return p.type;
  if (p.type === 'array') return p.items?.enum ? 'enum-list' : 'list';
  if (p.format) return p.format;
  if (p.pattern) return 'sid';
  if (p.enum || DOC_ENUMS[p.name]) return 'enum';
  return /^(Dequeue|Call)?(From|To)$/.test(p.name) ? 'contact' : 'text';
}

function labelOf(name: string, short: string, kind: FieldKind): string {
  const known = LABELS[name] ?? LABELS[short];
  if (known) return known;
  const words = short.split(/(?=[A-Z])/).map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  if (kind === 'uri' && words[words.length - 1] !== 'URL') words.push('URL');
  if (kind === 'enum-list' || kind === 'list') words.push(words.pop() + 's');
  return capitalize(words.join(' '));
}

function field(p: SpecParam, action: ActionName): FieldDescriptor {
  const kind = kindOf(p);
  const short = action === 'reject' || action === 'conference' ? p.name : p.name.replace(/^[A-Z][a-z]+/, '');
  const required = ACTION_DESCRIPTORS[action].required.includes(p.name);
  const values = p.enum ?? p.items?.enum ?? DOC_ENUMS[p.name];
  const range = DOC_RANGES[p.name];
  const def = DOC_DEFAULTS[p.name];
  return {
    name: p.name,
    action,
    kind,
    label: labelOf(p.name, short, kind),
    help: plainText(p.description),
    required,
    group: required || BASIC.includes(p.name) ? 'basic' : 'advanced',
    ...(values && { choices: choices(values) }),
    ...(range && { min: range.min, max: range.max }),
    ...(p.pattern && { pattern: p.pattern }),
    ...(def !== undefined && { default: def }),
  };
}

/** Form order: by action, basic fields in `BASIC` order, then advanced ones in the spec's order. */
function rank(f: FieldDescriptor, specIndex: number): number {
  const basic = BASIC.indexOf(f.name);
  return ACTIONS.indexOf(f.action) * 1000 + (f.group === 'basic' && basic >= 0 ? basic : 100 + specIndex);
}

const fields = SPEC_UPDATE_PARAMS.flatMap((p, i) => {
  const a = actionOf(p.name);
  if (!a) return [];
  const f = field(p, a);
  return [{ f, r: rank(f, i) }];
})
  .sort((a, b) => a.r - b.r)
  .map((x) => x.f);

/** The default schema: every update parameter of the spec, grouped per action. */
export const DEFAULT_SCHEMA: ParameterSchema = {
  offered: ACTIONS,
  actions: ACTION_DESCRIPTORS,
  fields,
};
