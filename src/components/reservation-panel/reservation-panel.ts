import { consume, provide } from '@lit/context';
import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineElement } from '../../base/define.js';
import { PanelElement } from '../../base/panel-element.js';
import { loadConnection } from '../../connection/load.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { PageController } from '../../controllers/page-controller.js';
import { ReservationErrorEvent } from '../../events/index.js';
import { withStrings, type PanelStrings } from '../../i18n/strings.js';
import { offeredActions } from '../../schema/actions.js';
import type { ActionName, ParameterSchema, SchemaOverride } from '../../schema/schema.types.js';
import { hostContext, stringsContext, type HostConfig, type Localization } from '../../state/contexts.js';
import type { TaskSummaryFn } from '../../state/task-summary.js';
import { hostStyles } from '../../styles/host.styles.js';
import type { ReservationStatus } from '../../wire/types.js';
import { VERSION } from '../../version.js';
import { loadFormKit } from '../reservation-form/load.js';
import type { PanelEngine } from './engine.js';
import { panelStyles } from './reservation-panel.styles.js';

let engineLoading: Promise<typeof import('./engine.js')> | undefined;
/** The panel's engine (session, feed, rows) loads once, beside the connection's code. */
const loadEngine = () => (engineLoading ??= import('./engine.js'));

/** Properties that change what the session connects to or how. */
const SESSION_KEYS = [
  'connection',
  'apiBase',
  'region',
  'eventBridgeUrl',
  'workspaceSid',
  'workerSid',
  'token',
  'tokenProvider',
  'status',
  'pollInterval',
  'eventsUrl',
  'requestTimeout',
  'strings',
  'host',
];

/**
 * @summary A TaskRouter worker's reservations, what each one is, and what the worker can do with them.
 *
 * @fires reservation-load - a list load finished; `detail.reservations`
 * @fires reservation-status-change - a reservation's status changed (by an action or seen from the server)
 * @fires reservation-before-update - cancelable; an update is about to be sent
 * @fires reservation-error - a request failed, an answer could not be read, or an action was refused
 * @fires reservation-token-expired - the token was refused or expired; the panel waits for a new one
 *
 * @csspart base - the panel's box
 * @csspart header - the worker's name and current activity
 * @csspart list - the list of reservations
 * @csspart reservation - one reservation (also carries `data-reservation-sid` and `data-reservation-status`)
 * @csspart notice - a waiting, loading, empty, error or expired-session message
 * @csspart actions - a reservation's row of action buttons
 * @csspart countdown - time left to answer a pending reservation (`data-warning="true"` near the end)
 * @csspart action-error - a message about a reservation's last action that failed
 * @csspart action-message - a message that corrects or follows a reservation's last action
 *
 * @cssprop --reservation-panel-font - font shorthand of the panel
 * @cssprop --reservation-panel-color-text - text colour
 * @cssprop --reservation-panel-color-muted - secondary text colour
 * @cssprop --reservation-panel-color-surface - background of reservations and buttons
 * @cssprop --reservation-panel-color-border - border colour
 * @cssprop --reservation-panel-color-accent - focus ring and primary actions
 * @cssprop --reservation-panel-color-danger - errors
 * @cssprop --reservation-panel-color-warning - a countdown near its end
 * @cssprop --reservation-panel-color-on-accent - text on the accent colour (primary buttons)
 * @cssprop --reservation-panel-radius - corner radius
 * @cssprop --reservation-panel-gap - spacing unit (density)
 *
 * @cssstate waiting - no token yet: waiting to be signed in
 * @cssstate loading - a list request is in flight
 * @cssstate empty - the list loaded and is empty
 * @cssstate error - the configuration is malformed or the last load failed
 */
export class ReservationPanel extends PanelElement {
  static override styles = [hostStyles, panelStyles];
  /** The package version of this element class. */
  static readonly version = VERSION;

  private readonly internals = this.attachInternals();
  private readonly page = new PageController(this, {
    hidden: (hidden) => this.engine?.session.setHidden(hidden),
    resync: () => this.engine?.session.resync(),
  });
  private readonly clock = new ClockController(this, () => this.engine?.session.skew ?? 0);

  /** `twilio`: Twilio's event-bridge, with nothing but the worker's Access Token. Absent: the REST endpoint at `api-base`. */
  @property() connection?: string;
  /** Base URL of the TaskRouter-compatible REST API, ending in `/v1`; may be relative to the page. */
  @property({ attribute: 'api-base' }) apiBase = '';
  /** With `connection="twilio"`: the Twilio region (`us1` by default, `ie1`, `au1`, …). */
  @property() region = '';
  /** With `connection="twilio"`: the event-bridge channel's URL itself (may be relative), e.g. the emulator's. */
  @property({ attribute: 'event-bridge-url' }) eventBridgeUrl = '';
  /** `WS` + 32 hex; when empty, taken from the token's TaskRouter grant. */
  @property({ attribute: 'workspace-sid' }) workspaceSid = '';
  /** `WK` + 32 hex; when empty, taken from the token's TaskRouter grant. */
  @property({ attribute: 'worker-sid' }) workerSid = '';
  /**
   * The worker's token. A `token` attribute is read once, when the panel connects, and removed.
   * REST: sent only as `Authorization: Bearer`; event-bridge: only in its calls' bodies and its WebSocket URL.
   */
  @property({ attribute: false }) token?: string;
  /** Called for a fresh token ahead of the token's expiry and after a refusal. */
  @property({ attribute: false }) tokenProvider?: () => Promise<string>;
  /** Only reservations with this status; all of them when empty. */
  @property() status?: ReservationStatus;
  /** ms between list refreshes while no live channel is open (default 5000); 0 turns polling off. */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = 5000;
  /** REST: a Server-Sent Events stream of TaskRouter events from the host's backend (same bearer header). */
  @property({ attribute: 'events-url' }) eventsUrl = '';
  /** ms each request may take before it fails as timed out (default 10000). */
  @property({ attribute: 'request-timeout', type: Number }) requestTimeout = 10_000;
  /** `light` or `dark` fixes the colour scheme; otherwise the panel follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** Seconds a pending reservation lives (the workflow's `TaskReservationTimeout`), for the countdown when the connection does not say. */
  @property({ attribute: 'reservation-timeout', type: Number }) reservationTimeout = 0;
  /** The parameter schema of the action forms: an override of the default, or a whole schema. */
  @property({ attribute: false }) schema?: SchemaOverride | ParameterSchema;
  /** Replacements for the panel's strings (see `PanelStrings`), e.g. the German table from `reservation-panel/locales/de`. */
  @property({ attribute: false }) strings?: Partial<PanelStrings>;
  /** Maps a task (and its reservation) to a row's title, subtitle and details, as plain strings (never HTML). */
  @property({ attribute: false }) taskSummary?: TaskSummaryFn;

  @consume({ context: hostContext, subscribe: true }) @state() private host?: HostConfig;
  @provide({ context: stringsContext }) @state() private l10n: Localization = { strings: withStrings(undefined), locale: 'en' };

  private engine?: PanelEngine;
  private offered: readonly ActionName[] = offeredActions();
  private resolvedSchema?: Promise<ParameterSchema>;

  override connectedCallback() {
    super.connectedCallback();
    if (this.hasAttribute('token')) {
      this.token ??= this.getAttribute('token') ?? undefined;
      this.removeAttribute('token');
    }
    if (this.engine) {
      this.engine.session.setHidden(this.page.hidden);
      this.engine.session.connect();
    } else {
      this.start();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.engine?.session.disconnect();
  }

  /** Loads the list again now, and fires `reservation-load` when it arrives. */
  refresh(): Promise<void> {
    return this.engine?.session.refresh() ?? Promise.resolve();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    this.updateLocalization(changed);
    this.updateSchema(changed);
    if (this.engine && SESSION_KEYS.some((k) => (changed as Map<PropertyKey, unknown>).has(k))) this.configure(this.engine);
  }

  protected override updated() {
    const config = this.engine?.session.config;
    const s = this.engine?.states;
    const states = this.internals.states;
    const toggle = (name: string, on: boolean) => (on ? states.add(name) : states.delete(name));
    toggle('waiting', !!config && !config.ok && config.waiting);
    toggle('loading', !this.engine || !!s?.loading);
    toggle('empty', !!s?.empty);
    toggle('error', (!!config && !config.ok && !config.waiting) || !!s?.error);
  }

  /** Loads the engine and, beside it, the connection's code; then connects. */
  private start() {
    void loadConnection(this.connection === 'twilio' ? 'twilio' : 'rest').catch(() => {});
    loadEngine().then(
      ({ PanelEngine }) => {
        if (this.engine) return;
        this.engine = new PanelEngine({
          element: this,
          strings: () => this.l10n.strings,
          locale: () => this.l10n.locale,
          emit: (event) => this.emit(event),
          schema: () => (this.resolvedSchema ??= this.resolveSchemaOrReport()),
          taskSummary: () => this.taskSummary,
          status: () => this.status,
          reservationTimeout: () => this.reservationTimeout,
          offered: () => this.offered,
          now: () => this.clock.now,
          renewed: (token) => (this.token = token),
        });
        this.configure(this.engine);
        if (this.isConnected) {
          this.engine.session.setHidden(this.page.hidden);
          this.engine.session.connect();
        }
        this.requestUpdate();
      },
      (e: Error) => {
        const message = `The panel's code could not be loaded: ${e.message}`;
        this.emit(new ReservationErrorEvent({ operation: 'list', status: 0, code: null, message, moreInfo: null }));
      },
    );
  }

  private configure(engine: PanelEngine) {
    engine.configure({
      connection: this.connection,
      apiBase: this.apiBase || this.host?.apiBase,
      region: this.region,
      eventBridgeUrl: this.eventBridgeUrl,
      eventsUrl: this.eventsUrl,
      workspaceSid: this.workspaceSid,
      workerSid: this.workerSid,
      token: this.token ?? this.host?.token,
      tokenProvider: this.tokenProvider ?? this.host?.tokenProvider,
      status: this.status,
      pollInterval: this.pollInterval,
      requestTimeout: this.requestTimeout,
      baseUrl: document.baseURI,
    });
  }

  private updateLocalization(changed: PropertyValues<this>) {
    if (changed.has('strings') || changed.has('lang') || !this.hasUpdated) {
      const locale = this.closest('[lang]')?.getAttribute('lang') || navigator.language || 'en';
      this.l10n = { strings: withStrings(this.strings), locale };
    }
  }

  private updateSchema(changed: PropertyValues<this>) {
    if (!changed.has('schema')) return;
    this.offered = offeredActions(this.schema);
    this.resolvedSchema = undefined;
    // A host's override is checked at once, so a mistake is reported when it is made.
    if (this.schema) this.resolvedSchema = this.resolveSchemaOrReport();
  }

  private async resolveSchemaOrReport(): Promise<ParameterSchema> {
    const { resolveSchema } = await loadFormKit();
    try {
      return resolveSchema(this.schema);
    } catch (e) {
      const message = this.l10n.strings.schemaRefused((e as Error).message);
      console.error(message);
      this.emit(new ReservationErrorEvent({ operation: 'update', status: 0, code: null, message, moreInfo: null }));
      return resolveSchema();
    }
  }

  override render() {
    const t = this.l10n.strings;
    const waiting = !(this.token ?? this.host?.token);
    return html`<div part="base" class="base">
      ${
        this.engine
          ? this.engine.render()
          : html`<p part="notice" class="notice muted" role="status">${waiting ? t.waitingForToken : t.loading}</p>`
      }
    </div>`;
  }
}

defineElement('reservation-panel', ReservationPanel);

declare global {
  interface HTMLElementTagNameMap {
    'reservation-panel': ReservationPanel;
  }
}
