/**
 * What the agent is doing in each row, kept by reservation SID outside the rows' DOM: the
 * open form and what was typed into it, the details disclosure, an action in flight, the
 * last message, and where focus was. Rows are rendered and recycled freely (virtualization,
 * re-sorting, arrivals, the switch between plain and virtual lists); this is what they are
 * rendered from, so nothing the agent did is lost. No Lit, no DOM.
 */
import type { ActionName, FieldDescriptor, FormModel } from '../schema/schema.types.js';

/** A message under a row, naming the action it is about. */
export interface RowMessage {
  readonly action?: ActionName;
  readonly text: string;
  /** `error`: the action failed or was refused; `info`: something that followed (the form closed, a late success) */
  readonly kind: 'error' | 'info';
}

export interface RowState {
  /** the action whose form is open, and its fields */
  open?: { action: ActionName; fields: readonly FieldDescriptor[] };
  /** what was typed, per action, kept when the form closes for a remote change or the row is recycled */
  drafts: Partial<Record<ActionName, FormModel>>;
  /** the action being sent */
  busy?: ActionName;
  message?: RowMessage;
  /** the details disclosure is open */
  expanded: boolean;
}

export class RowStates {
  private readonly states = new Map<string, RowState>();

  /** The state of a row (made on first use). */
  of(sid: string): RowState {
    let s = this.states.get(sid);
    if (!s) {
      s = { drafts: {}, expanded: false };
      this.states.set(sid, s);
    }
    return s;
  }

  /** The state of a row, if it has one. */
  peek(sid: string): RowState | undefined {
    return this.states.get(sid);
  }

  /** Forgets the rows no longer listed. */
  keep(sids: ReadonlySet<string>): void {
    for (const sid of this.states.keys()) if (!sids.has(sid)) this.states.delete(sid);
  }
}
