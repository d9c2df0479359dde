/** Loads the form kit (the full schema and `<reservation-form>`) once, on demand. */
export type FormKit = typeof import('./form-kit.js');

let loading: Promise<FormKit> | undefined;

export const loadFormKit = (): Promise<FormKit> => (loading ??= import('./form-kit.js'));
