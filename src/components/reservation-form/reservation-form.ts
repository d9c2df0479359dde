import { consume } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineElement } from '../../base/define.js';
import { VERSION } from '../../version.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { PanelElement } from '../../base/panel-element.js';
import { ReservationFormCancelEvent, ReservationFormInputEvent, ReservationFormSubmitEvent } from '../../events/internal.js';
import type { ActionDescriptor, FieldDescriptor, FormModel } from '../../schema/index.js';
import { serialize, validateField } from '../../schema/index.js';
import { EN, type PanelStrings } from '../../i18n/strings.js';
import { stringsContext, type Localization } from '../../state/contexts.js';
import { hostStyles } from '../../styles/host.styles.js';
import { formStyles } from './reservation-form.styles.js';

/** What a control template needs of its form (the form's internals stay private). */
interface FormAccess {
  readonly t: PanelStrings;
  readonly value: FormModel;
  readonly updateComplete: Promise<boolean>;
  readonly root: ShadowRoot;
  setValue(name: string, value: FormModel[string], unreadable?: boolean): void;
}

type Control = (form: FormAccess, field: FieldDescriptor, aria: Aria) => TemplateResult;
interface Aria {
  id: string;
  describedBy: string;
  invalid: boolean;
}

const CHOICE_KINDS: readonly string[] = ['enum', 'enum-list', 'http-method', 'boolean', 'list'];

/**
 * @summary The form of one action, generated from its parameter schema: a native control
 * per field, validated before anything is sent.
 *
 * @csspart form - the form
 */
export class ReservationForm extends PanelElement {
  static override styles = [hostStyles, formStyles];
  /** The package version of this element class. */
  static readonly version = VERSION;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The action the form sends. */
  @property({ attribute: false }) action?: ActionDescriptor;

  /** The action's name: the form's accessible name and its submit button's text. */
  @property({ attribute: false }) label = '';

  /**
   * What was typed before (kept by the panel while the form was closed or its row recycled);
   * read when the form is created or given other fields.
   */
  @property({ attribute: false }) draft?: FormModel;

  /** The action's fields, in order. */
  @property({ attribute: false }) fields: readonly FieldDescriptor[] = [];

  /** While the action is being sent: the submit button says so and nothing is sent twice. */
  @property({ type: Boolean }) busy = false;

  /** A message from the server about the last attempt. */
  @property({ attribute: false }) serverError = '';

  @consume({ context: stringsContext, subscribe: true })
  @state()
  private l10n?: Localization;

  @state() private model: FormModel = {};
  @state() private shown = new Set<string>();
  /** number fields holding text the browser cannot read as a number (its value is then '') */
  private unreadable = new Set<string>();

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('fields')) {
      // Presets fill fields the user has not typed into; what the user typed is kept.
      const before = { ...this.draft, ...this.model };
      const model: FormModel = {};
      for (const f of this.fields) {
        const typed = before[f.name];
        model[f.name] = f.locked ? copy(f.value) : typed !== undefined ? typed : copy(f.value);
      }
      this.model = model;
    }
  }

  /** The typed values of the form (a boolean only once the user set it). */
  get value(): FormModel {
    return { ...this.model };
  }

  /** Focuses a field's (first invalid) control, opening the advanced group if it is there. */
  focusControl(name: string): void {
    const root = this.renderRoot;
    const control =
      root.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"][aria-invalid="true"]`) ??
      root.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"], [data-field="${CSS.escape(name)}"] button`);
    const details = control?.closest('details');
    if (details) details.open = true;
    (control ?? this).focus();
  }

  /** The strings in force (English outside a panel). */
  private get t(): PanelStrings {
    return this.l10n?.strings ?? EN;
  }

  private errorOf(field: FieldDescriptor): string | null {
    // 'NaN' stands for what the user typed into a number input and the browser hides
    return validateField(field, this.unreadable.has(field.name) ? 'NaN' : this.model[field.name], this.t.validation);
  }

  private setValue(name: string, value: FormModel[string], unreadable = false) {
    if (unreadable) this.unreadable.add(name);
    else this.unreadable.delete(name);
    this.model = { ...this.model, [name]: value };
    this.dispatchEvent(new ReservationFormInputEvent(this.value));
  }

  /** What the control templates may use. */
  private readonly access: FormAccess = ((form: ReservationForm) => ({
    get t() {
      return form.t;
    },
    get value() {
      return form.model;
    },
    get updateComplete() {
      return form.updateComplete;
    },
    get root() {
      return form.shadowRoot!;
    },
    setValue: (name: string, value: FormModel[string], unreadable?: boolean) => form.setValue(name, value, unreadable),
  }))(this);

  /** The visible fields in the order the user sees them: basic, then advanced. */
  private get visible(): FieldDescriptor[] {
    const shown = this.fields.filter((f) => !f.hidden);
    return [...shown.filter((f) => f.group === 'basic'), ...shown.filter((f) => f.group === 'advanced')];
  }

  private showError(name: string) {
    if (!this.shown.has(name)) this.shown = new Set(this.shown).add(name);
  }

  private handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const visible = this.visible;
    this.shown = new Set(visible.map((f) => f.name));
    const firstInvalid = visible.find((f) => this.errorOf(f));
    if (firstInvalid) {
      void this.updateComplete.then(() => this.focusControl(firstInvalid.name));
      return;
    }
    if (!this.action) return;
    this.dispatchEvent(new ReservationFormSubmitEvent(serialize(this.action, this.fields, this.model)));
  }

  private handleKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.handleCancel();
    }
  }

  private handleCancel() {
    this.dispatchEvent(new ReservationFormCancelEvent());
  }

  private handleFocusOut(event: FocusEvent) {
    const name = (event.target as HTMLInputElement).name;
    // A field's message shows once the user leaves it (a group once focus leaves the group).
    const group = (event.target as Element).closest('[data-field]');
    if (name && !(event.relatedTarget instanceof Node && group?.contains(event.relatedTarget))) {
      this.showError(group?.getAttribute('data-field') ?? name);
    }
  }

  private renderField(field: FieldDescriptor) {
    const id = `f-${field.name}`;
    const message = this.shown.has(field.name) ? this.errorOf(field) : null;
    const t = this.t;
    const help = field.kind === 'contact' ? `${field.help} ${t.contactHint}` : field.help;
    const aria: Aria = { id, describedBy: `${id}-help ${id}-error`, invalid: !!message };
    // A host's list of allowed values turns any text-like field into a select.
    const kind = field.choices?.length && !CHOICE_KINDS.includes(field.kind) ? 'enum' : field.kind;
    const control = CONTROLS[kind](this.access, field, aria);
    const grouped = field.kind === 'enum-list' || field.kind === 'list';
    const check = field.kind === 'boolean';
    const label = html`${field.label}${field.required ? html` <span class="req" aria-hidden="true">*</span>` : nothing}`;
    const helpNode = html`<div class="help" id="${id}-help">${help}${field.default ? t.defaultHint(field.default) : ''}</div>`;
    const errorNode = html`<div class="error" id="${id}-error" aria-live="polite">${message ?? ''}</div>`;
    if (grouped) {
      return html`<fieldset class="field" data-field=${field.name} aria-describedby=${aria.describedBy}>
        <legend>${label}</legend>
        ${control} ${helpNode} ${errorNode}
      </fieldset>`;
    }
    if (check) {
      return html`<div class="field" data-field=${field.name}>
        <div class="check">${control}<label for=${id}>${label}</label></div>
        ${helpNode} ${errorNode}
      </div>`;
    }
    return html`<div class="field" data-field=${field.name}>
      <label for=${id}>${label}</label>
      ${control} ${helpNode} ${errorNode}
    </div>`;
  }

  override render() {
    const visible = this.visible;
    const basic = visible.filter((f) => f.group === 'basic');
    const advanced = visible.filter((f) => f.group === 'advanced');
    const label = this.label;
    return html`<form
      part="form"
      novalidate
      aria-label=${label}
      @submit=${this.handleSubmit}
      @keydown=${this.handleKeydown}
      @focusout=${this.handleFocusOut}
    >
      ${basic.map((f) => this.renderField(f))}
      ${
        advanced.length
          ? html`<details>
              <summary>${this.t.advanced(advanced.length)}</summary>
              ${advanced.map((f) => this.renderField(f))}
            </details>`
          : nothing
      }
      ${this.serverError ? html`<p class="server-error" role="alert">${this.serverError}</p>` : nothing}
      <div class="buttons">
        <button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? this.t.sending(label) : label}</button>
        <button type="button" @click=${this.handleCancel}>${this.t.cancel}</button>
      </div>
    </form>`;
  }
}

function copy(value: FieldDescriptor['value']): FormModel[string] {
  return Array.isArray(value) ? [...value] : (value as string | boolean | undefined);
}

const str = (v: FormModel[string]) => (typeof v === 'string' ? v : '');
const list = (v: FormModel[string]) => (Array.isArray(v) ? v : []);

/** A text-like input: text, contact, SID, URL, integer. */
function input(type: 'text' | 'url' | 'number', inputmode?: string): Control {
  return (form, f, a) =>
    html`<input
      id=${a.id}
      name=${f.name}
      type=${type}
      inputmode=${ifDefined(inputmode)}
      min=${ifDefined(f.min)}
      max=${ifDefined(f.max)}
      step=${ifDefined(type === 'number' ? 1 : undefined)}
      placeholder=${ifDefined(f.default && type === 'number' ? f.default : undefined)}
      autocomplete="off"
      spellcheck="false"
      ?required=${f.required}
      ?readonly=${f.locked}
      aria-invalid=${a.invalid ? 'true' : 'false'}
      aria-describedby=${a.describedBy}
      .value=${live(str(form.value[f.name]))}
      @input=${(e: Event) => {
        const el = e.target as HTMLInputElement;
        form.setValue(f.name, el.value, el.validity.badInput);
      }}
    />`;
}

/** A select over the field's choices; an optional one starts on the server's default. */
const select: Control = (form, f, a) => {
  const value = str(form.value[f.name]);
  return html`<select
    id=${a.id}
    name=${f.name}
    ?required=${f.required}
    ?disabled=${f.locked}
    aria-invalid=${a.invalid ? 'true' : 'false'}
    aria-describedby=${a.describedBy}
    @change=${(e: Event) => form.setValue(f.name, (e.target as HTMLSelectElement).value)}
  >
    <option value="" ?selected=${value === ''}>
      ${f.required ? form.t.choose : f.default ? form.t.defaultOption(f.default) : form.t.notSet}
    </option>
    ${(f.choices ?? []).map((c) => html`<option value=${c.value} ?selected=${c.value === value}>${c.label}</option>`)}
  </select>`;
};

/** A checkbox: untouched, nothing is sent; once set, `true` or `false`. */
const checkbox: Control = (form, f, a) => {
  const v = form.value[f.name];
  const checked = typeof v === 'boolean' ? v : v === 'true' || (v === undefined && f.default === 'true');
  return html`<input
    id=${a.id}
    name=${f.name}
    type="checkbox"
    ?disabled=${f.locked}
    aria-describedby=${a.describedBy}
    .checked=${live(checked)}
    @change=${(e: Event) => form.setValue(f.name, (e.target as HTMLInputElement).checked)}
  />`;
};

/** A group of checkboxes for an array of enum values. */
const checkboxes: Control = (form, f, a) => {
  const chosen = list(form.value[f.name]);
  return html`${(f.choices ?? []).map(
    (c, i) =>
      html`<div class="check">
        <input
          id="${a.id}-${i}"
          type="checkbox"
          name=${f.name}
          value=${c.value}
          ?disabled=${f.locked}
          aria-invalid=${a.invalid ? 'true' : 'false'}
          aria-describedby="${a.id}-error"
          .checked=${live(chosen.includes(c.value))}
          @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            const now = list(form.value[f.name]);
            const next = (f.choices ?? []).map((x) => x.value).filter((x) => (x === c.value ? on : now.includes(x)));
            form.setValue(f.name, next);
          }}
        /><label for="${a.id}-${i}">${c.label}</label>
      </div>`,
  )}`;
};

/**
 * An editable list of free strings: one input per item, with Add (which moves focus into
 * the new entry) and Remove. With a message shown, the blank or repeated entries are invalid.
 */
const editableList: Control = (form, f, a) => {
  const items = list(form.value[f.name]);
  const trimmed = items.map((s) => s.trim());
  /** Changes the list, then puts focus on the new last entry (Add) or, if it was lost, on Add (Remove). */
  const edit = async (e: Event, change: (now: string[]) => string[], focusLast = false) => {
    const group = (e.target as Element).closest('fieldset')!;
    form.setValue(f.name, change(list(form.value[f.name])));
    await form.updateComplete;
    const inputs = group.querySelectorAll('input');
    if (focusLast) inputs[inputs.length - 1]?.focus();
    else if (!group.contains(form.root.activeElement)) group.querySelector<HTMLElement>(`#${a.id}`)?.focus();
  };
  return html`${items.map(
      (item, i) =>
        html`<div class="row">
          <input
            name=${f.name}
            aria-label=${form.t.entry(f.label, i + 1)}
            aria-invalid=${a.invalid && (!trimmed[i] || trimmed.indexOf(trimmed[i]) !== i) ? 'true' : 'false'}
            aria-describedby="${a.id}-error"
            ?readonly=${f.locked}
            .value=${live(item)}
            @input=${(e: Event) => edit(e, (now) => now.map((x, j) => (j === i ? (e.target as HTMLInputElement).value : x)))}
          />
          <button
            type="button"
            ?hidden=${f.locked}
            aria-label=${form.t.remove(form.t.entry(f.label, i + 1))}
            @click=${(e: Event) => edit(e, (now) => now.filter((_, j) => j !== i))}
          >
            ${form.t.removeButton}
          </button>
        </div>`,
    )}
    <div>
      <button
        type="button"
        id=${a.id}
        ?hidden=${f.locked}
        aria-label=${form.t.add(f.label)}
        @click=${(e: Event) => edit(e, (now) => [...now, ''], true)}
      >
        ${form.t.addButton}
      </button>
    </div>`;
};

const CONTROLS: Readonly<Record<FieldDescriptor['kind'], Control>> = {
  text: input('text'),
  contact: input('text'),
  sid: input('text'),
  uri: input('url', 'url'),
  integer: input('number', 'numeric'),
  boolean: checkbox,
  enum: select,
  'http-method': select,
  'enum-list': checkboxes,
  list: editableList,
};

defineElement('reservation-form', ReservationForm);

declare global {
  interface HTMLElementTagNameMap {
    'reservation-form': ReservationForm;
  }
}
