/** The validators' messages, replaceable for another language. No Lit, no DOM. */
export interface ValidationMessages {
  required(label: string): string;
  wholeNumber(min?: number, max?: number): string;
  sid(prefix: string, digits: string): string;
  invalid(label: string): string;
  url: string;
  chooseOne(options: string): string;
  notAllowed(value: string, options: string): string;
  listedOptions: string;
  contact: string;
  boolean: string;
  emptyEntry: string;
  duplicate(value: string): string;
}

export const VALIDATION_EN: ValidationMessages = {
  required: (label) => `${label} is required.`,
  wholeNumber: (min, max) =>
    min !== undefined && max !== undefined
      ? `Enter a whole number from ${min} to ${max}.`
      : min !== undefined
        ? `Enter a whole number of ${min} or more.`
        : max !== undefined
          ? `Enter a whole number of ${max} or less.`
          : 'Enter a whole number.',
  sid: (prefix, digits) => `Enter a SID: ${prefix} followed by ${digits} hexadecimal characters (0-9, a-f).`,
  invalid: (label) => `Enter a valid ${label}.`,
  url: 'Enter a full URL starting with https:// or http://, like https://example.com/twiml.',
  chooseOne: (options) => `Choose one of ${options}.`,
  notAllowed: (value, options) => `"${value}" is not allowed; choose from ${options}.`,
  listedOptions: 'the listed options',
  contact: 'Enter a phone number in E.164 format (like +15558675310), client:name, or sip:user@host.',
  boolean: 'Choose true or false.',
  emptyEntry: 'Fill in or remove the empty entry.',
  duplicate: (value) => `"${value}" is listed more than once; list each value once.`,
};
