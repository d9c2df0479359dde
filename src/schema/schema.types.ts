/**
 * Types of the parameter schema that the action forms are generated from.
 * Pure data: no Lit, no DOM.
 */
import type { ReservationStatus } from '../wire/types.js';

/** How a parameter is entered and checked. */
export const FIELD_KINDS = [
  'text',
  'integer',
  'boolean',
  'enum',
  /** an array whose items come from `choices` */
  'enum-list',
  /** a free array of strings */
  'list',
  'uri',
  'http-method',
  'sid',
  /** an E.164 number, a `client:` or a `sip:` URI */
  'contact',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const FIELD_GROUPS = ['basic', 'advanced'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

/** What a worker can do with a reservation; each is one button. */
export const ACTIONS = ['accept', 'reject', 'dequeue', 'call', 'redirect', 'conference', 'wrapUp', 'complete'] as const;
export type ActionName = (typeof ACTIONS)[number];

/** One option of a choice field. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** A field value in the form's typed model. */
export type FieldValue = string | boolean | readonly string[];

/**
 * The form's typed model: wire name → value. A boolean is present only once the user set
 * it; lists are arrays.
 */
export type FormModel = Record<string, string | boolean | string[] | undefined>;

/** One form field: an update parameter of UpdateWorkerReservation. */
export interface FieldDescriptor {
  /** wire name, e.g. `DequeueFrom` */
  readonly name: string;
  /** the action whose form shows it */
  readonly action: ActionName;
  readonly kind: FieldKind;
  readonly label: string;
  /** the spec's description, as plain text */
  readonly help: string;
  /** whether the action needs it */
  readonly required: boolean;
  /** allowed values (enum, enum-list, http-method), or a host's list for any kind */
  readonly choices?: readonly Choice[];
  /** inclusive bounds of an integer */
  readonly min?: number;
  readonly max?: number;
  /** regular expression source a SID must match, from the spec */
  readonly pattern?: string;
  /** the server's default when the field is not sent, as a hint */
  readonly default?: string;
  readonly group: FieldGroup;
  /** shown read-only; `value` is always sent */
  readonly locked?: boolean;
  /** preset value: the initial value, or the fixed one when locked or hidden */
  readonly value?: FieldValue;
  /** not shown; `value`, when set, is still sent */
  readonly hidden?: boolean;
}

/** How loud an action's button is: the main one, the alternative, or one of the rest. */
export const EMPHASES = ['primary', 'secondary', 'quiet'] as const;
export type Emphasis = (typeof EMPHASES)[number];

/** One action (a row of `ACTION_DESCRIPTORS`); its button's text comes from the strings table. */
export interface ActionDescriptor {
  readonly name: ActionName;
  /** wire params always sent, e.g. `{ ReservationStatus: 'accepted' }` */
  readonly params: Readonly<Record<string, string>>;
  /** reservation statuses it is valid for */
  readonly statuses: readonly ReservationStatus[];
  /** its form's fields, by wire name (none: it acts at once) */
  readonly fields: readonly string[];
  /** the fields it needs (Twilio's docs; shared/spec/README.md) */
  readonly required: readonly string[];
  readonly emphasis: Emphasis;
}

/** A full parameter schema. */
export interface ParameterSchema {
  /** the actions offered, in `ACTIONS` order */
  readonly offered: readonly ActionName[];
  readonly actions: Readonly<Record<ActionName, ActionDescriptor>>;
  /** every field, in form order (grouped by action, basic before advanced) */
  readonly fields: readonly FieldDescriptor[];
}

/** What a host may change about one field. */
export interface FieldOverride {
  readonly label?: string;
  readonly help?: string;
  readonly hidden?: boolean;
  readonly locked?: boolean;
  readonly value?: FieldValue;
  /** a subset of the field's own choices, or a list of allowed values for any field */
  readonly choices?: readonly Choice[];
  /** make an optional field required (required fields stay required) */
  readonly required?: true;
  readonly group?: FieldGroup;
}

/**
 * A host's changes to a schema, e.g.
 * `{ actions: ['accept', 'reject', 'complete'], fields: { WorkerActivitySid: { choices: [{ value: 'WA…', label: 'Break' }] } } }`.
 */
export interface SchemaOverride {
  /** the actions to offer (others are left out) */
  readonly actions?: readonly ActionName[];
  /** per field, by wire name */
  readonly fields?: Readonly<Record<string, FieldOverride>>;
}
