/**
 * German strings: `import { DE } from 'reservation-panel/locales/de'; panel.strings = DE;`
 * Field labels and help texts come from the schema (see the README).
 */
import type { PanelStrings } from './strings.js';

export const DE: PanelStrings = {
  statuses: {
    pending: 'Ausstehend',
    accepted: 'Angenommen',
    rejected: 'Abgelehnt',
    timeout: 'Zeit abgelaufen',
    canceled: 'Storniert',
    rescinded: 'Zurückgezogen',
    wrapping: 'Nachbearbeitung',
    completed: 'Abgeschlossen',
  },
  actions: {
    accept: 'Annehmen',
    reject: 'Ablehnen',
    dequeue: 'Aus Warteschlange holen',
    call: 'Anrufen',
    redirect: 'Umleiten',
    conference: 'Konferenz',
    wrapUp: 'Nachbearbeiten',
    complete: 'Abschließen',
  },
  reservations: 'Reservierungen',
  loading: 'Reservierungen werden geladen …',
  empty: 'Keine Reservierungen.',
  emptyWithStatus: (status) => `Keine Reservierungen mit Status „${status}“.`,
  loadFailed: (message) => `Die Reservierungen konnten nicht geladen werden: ${message}`,
  refreshFailed: (message) => `Die Reservierungen konnten nicht aktualisiert werden: ${message}`,
  retry: 'Erneut versuchen',
  reservationFor: (task) => `Reservierung für Aufgabe ${task}`,
  task: 'Aufgabe',
  worker: 'Mitarbeiter',
  age: 'Alter',
  timeLeft: 'Verbleibend',
  announceNew: (status, task) => `Neue Reservierung (${status}) für Aufgabe ${task}.`,
  announceStatus: (task, status) => `Reservierung für Aufgabe ${task} ist jetzt: ${status}.`,
  announceMany: (count) => `${count} Reservierungen haben sich geändert.`,
  formClosed: (action, status) => `Das Formular „${action}“ wurde geschlossen: Diese Reservierung ist jetzt: ${status}.`,
  expiredWaiting: 'Ihre TaskRouter-Sitzung ist abgelaufen. Das Panel wartet, bis die Seite Sie erneut anmeldet.',
  expiredPaused: 'Ihre TaskRouter-Sitzung ist abgelaufen. Die Liste ruht, bis die Seite Sie erneut anmeldet.',
  expiredNotSent: 'Ihre TaskRouter-Sitzung ist abgelaufen; nichts wurde gesendet. Versuchen Sie es nach der Anmeldung erneut.',
  formLoadFailed: (message) => `Das Formular konnte nicht geladen werden: ${message}`,
  stoppedByPage: 'Diese Aktion wurde von der Seite angehalten.',
  notConnected: 'Das Panel ist nicht mit TaskRouter verbunden.',
  noApiBase: 'Das Panel hat keine api-base: Setzen Sie sie auf die URL der TaskRouter-API (endet auf /v1).',
  noToken: 'Das Panel hat noch kein Token: Die Seite hat Sie noch nicht bei TaskRouter angemeldet.',
  noWorkspace: 'Kein Workspace: Setzen Sie workspace-sid oder verwenden Sie ein Token mit TaskRouter-Berechtigung.',
  badWorkspace: (sid) => `workspace-sid „${sid}“ ist keine Workspace-SID (WS und 32 Hexadezimalziffern).`,
  noWorker: 'Kein Worker: Setzen Sie worker-sid oder verwenden Sie ein Token mit TaskRouter-Berechtigung.',
  badWorker: (sid) => `worker-sid „${sid}“ ist keine Worker-SID (WK und 32 Hexadezimalziffern).`,
  schemaRefused: (message) => `Die schema-Eigenschaft wurde abgelehnt, das Standardschema gilt: ${message}`,
  advanced: (count) => `Erweiterte Optionen (${count})`,
  choose: 'Auswählen …',
  notSet: 'Nicht gesetzt',
  defaultOption: (value) => `Standard (${value})`,
  defaultHint: (value) => ` Standard: ${value}.`,
  contactHint: 'Eine E.164-Nummer (+4930123456), ein client:name oder eine sip:-URI.',
  addButton: 'Hinzufügen',
  removeButton: 'Entfernen',
  add: (label) => `Zu ${label} hinzufügen`,
  remove: (label) => `${label} entfernen`,
  entry: (label, n) => `${label} ${n}`,
  cancel: 'Abbrechen',
  sending: (action) => `${action} …`,
  validation: {
    required: (label) => `${label} ist erforderlich.`,
    wholeNumber: (min, max) =>
      min !== undefined && max !== undefined
        ? `Geben Sie eine ganze Zahl von ${min} bis ${max} ein.`
        : min !== undefined
          ? `Geben Sie eine ganze Zahl ab ${min} ein.`
          : max !== undefined
            ? `Geben Sie eine ganze Zahl bis ${max} ein.`
            : 'Geben Sie eine ganze Zahl ein.',
    sid: (prefix, digits) => `Geben Sie eine SID ein: ${prefix} und ${digits} Hexadezimalzeichen (0-9, a-f).`,
    invalid: (label) => `Geben Sie einen gültigen Wert für ${label} ein.`,
    url: 'Geben Sie eine vollständige URL mit https:// oder http:// ein, z. B. https://example.com/twiml.',
    chooseOne: (options) => `Wählen Sie eines von: ${options}.`,
    notAllowed: (value, options) => `„${value}“ ist nicht erlaubt; wählen Sie aus: ${options}.`,
    listedOptions: 'den aufgeführten Optionen',
    contact: 'Geben Sie eine Telefonnummer im E.164-Format (z. B. +4930123456), client:name oder sip:user@host ein.',
    boolean: 'Wählen Sie wahr oder falsch.',
    emptyEntry: 'Füllen Sie den leeren Eintrag aus oder entfernen Sie ihn.',
    duplicate: (value) => `„${value}“ steht mehrfach in der Liste; nennen Sie jeden Wert nur einmal.`,
  },
};
