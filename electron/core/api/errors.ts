import type { z } from 'zod';

/** The closed list of reasons a call can fail. Screens and scripts switch on these, never on messages. */
export const errorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'already_checked_in',
  'cancelled',
  'forbidden',
  'signed_out',
  'locked',
  'invalid_badge',
  'rate_limited',
  'sync_refused',
  'storage_full',
  'storage_failed',
  'unknown_method',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiIssue {
  path: (string | number)[];
  message: string;
  /** A stable key for messages the schemas define themselves, so screens can translate them. */
  key?: string;
}

/** The check-in a refused second check-in collides with: when and where (which device) it happened. */
export interface FirstCheckIn {
  id: string;
  at: string;
  device: string;
  method: string | null;
  operator: string | null;
}

/** Why a scanned or typed badge code was refused: a closed list, so kiosks can say it in the attendee's language. */
export const badgeRefusals = ['malformed', 'forged', 'wrong_event', 'revoked', 'unknown_registration'] as const;
export type BadgeRefusal = (typeof badgeRefusals)[number];

/**
 * Why a sync bundle (or a peer's changes) was refused, before anything was written: a closed list, so a screen can
 * say what to do (fix the clock, ask for the passphrase again, fetch the file again).
 */
export const syncRefusals = [
  'unknown_format',
  'truncated',
  'tampered',
  'wrong_passphrase',
  'wrong_event',
  'too_large',
  'invalid_change',
  'clock_ahead',
  'missing_earlier',
] as const;
export type SyncRefusal = (typeof syncRefusals)[number];

/** Facts a screen needs to act on a refusal without parsing its message. */
export interface ErrorDetails {
  firstCheckIn?: FirstCheckIn;
  /** For `invalid_badge`: what is wrong with the code. */
  badge?: BadgeRefusal;
  /** For `rate_limited`: seconds until the next attempt is allowed. */
  retryAfterSeconds?: number;
  /** For `sync_refused`: what is wrong with the bundle, and for `clock_ahead` by how much the peer is ahead. */
  sync?: SyncRefusal;
  aheadMs?: number;
  /** For a refused feedback response (`conflict`): the form is closed, or this person already answered. */
  feedback?: 'closed' | 'already_answered';
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: ApiIssue[];
  details?: ErrorDetails;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** An expected failure a handler reports on purpose. Anything else thrown becomes `internal`. */
export class MusterError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'MusterError';
  }
}

export const notFound = (what: string, id: string): MusterError =>
  new MusterError('not_found', `${what} ${id} was not found.`);

export const conflict = (message: string): MusterError => new MusterError('conflict', message);

/**
 * English text for the checks the schemas define (refinements carry `params.key`, never a message, so the renderer
 * can translate them through i18next and the command line still reads well).
 */
export const validationMessages: Record<string, string> = {
  endBeforeStart: 'The end date must be on or after the start date.',
  dateOutOfRange: 'Enter a date between 2000 and 2099, with a four-digit year.',
  eventTooLong: 'An event can last at most 62 days.',
  unknownCountry: 'Choose a country from the list (ISO 3166-1 alpha-2 code).',
  unknownTimeZone: 'Choose a time zone from the list (IANA name such as Africa/Nairobi).',
  duplicateLanguage: 'Each language can be offered once.',
  endTimeBeforeStart: 'The session must end after it starts.',
  blank: 'This field is required.',
  controlCharacters: 'Remove the invisible control characters (such as NUL or an escape) from this field.',
  clockTime: 'Use a 24-hour time such as 09:00.',
  invalidEmail: 'Enter an email address such as name@example.org.',
  invalidPhone: 'Enter a phone number that exists, with its country code (such as +254 712 345 678).',
  invalidCode: 'A check-in code has 8 letters and digits (such as 7KQ2-M9XD).',
  oneOfRegistrationCodeOrBadge: 'Give exactly one of the registration, the check-in code or the badge’s QR code.',
  checkedInNeedsSession: 'Choose a session to filter by check-in.',
  // Import files: why a file was refused as a whole (nothing was read into the roster).
  notBase64: 'The file did not arrive intact (its content is not base64).',
  fileEmpty: 'The file is empty.',
  fileTooLarge: 'The file is too large: imports take files of up to 64 MB.',
  notATable: 'This is not a CSV or Excel (.xlsx) file.',
  oldExcel: 'This is an old Excel file (.xls): save it as .xlsx or CSV, then import that.',
  openDocument:
    'This is an OpenDocument spreadsheet (.ods, from LibreOffice): save it as .xlsx or CSV, then import that.',
  passwordProtected:
    'This Excel file is protected by a password: open it in Excel, remove the password (File › Info › Protect Workbook), save it, then import it.',
  damagedWorkbook: 'The Excel file is damaged or incomplete.',
  zipBomb: 'The Excel file unpacks to far more data than a participant list holds, so it was not opened.',
  fileTooComplex: 'The file needs more memory than an import may use: split it, or save it as CSV.',
  unclosedQuote: 'The file ends inside a quoted value: it is incomplete or its quotes do not match.',
  tooManyRows: 'The file has more than 200,000 rows.',
  tooManyColumns: 'The file has more than 200 columns.',
  cellTooLong: 'A cell holds more than 10,000 characters.',
  noData: 'The file has a header but no rows of people.',
  sheetEmpty: 'The sheet is empty: there is no list of people on it.',
  fileBlank: 'The file holds only empty lines.',
  unknownSheet: 'The workbook has no sheet by that name.',
  headerRowOutside: 'The header row is past the end of the file.',
  mappingColumns: 'The mapping has a different number of columns than the file.',
  fieldMappedTwice: 'Each field can come from one column only.',
  needsFile: 'Send the file: this import has none yet.',
  // Import rows: problems the preview shows per row. Errors stop a row; warnings only inform.
  codeInUse: 'This check-in code already belongs to someone registered for the event.',
  codeRepeated: 'This check-in code appears on an earlier row of the file.',
  phoneDropped: 'The phone number does not exist; it was left out.',
  genderUnrecognised: 'The gender was not recognised; it was recorded as not stated.',
  genderFromTitle: 'The gender was taken from the title (Ms, Mr, ...).',
  categoryUnrecognised: 'The category was not recognised; the default category was used.',
  organisationTypeUnrecognised: 'The organisation type was not recognised; the default was used.',
  statusUnrecognised: 'The status was not recognised; the default status was used.',
  languageUnrecognised: 'The language was not recognised; it was left out.',
  fullNameSplit: 'The full name was split into given and family names: check the split.',
  singleName: 'Only one name was given; it was recorded as the family name.',
  invalidValue: 'This value is not accepted.',
  updateWithoutMatch: 'Only a row that matches someone on the roster can update them.',
  notAMatch: 'That person is not one of the row’s matches on the roster.',
  hiddenRow: 'Hidden in the spreadsheet: it will be skipped unless you choose to add it.',
  formulaNoValue: 'The cell holds a formula with no saved value: open and save the file in Excel, then import again.',
  cellErrorValue: 'The cell shows an error in the spreadsheet; it was read as empty.',
  requiredNoValue:
    'This field is required, and its cell holds a formula with no saved value: open and save the file in Excel, then import again.',
  requiredErrorValue: 'This field is required, and its cell shows an error in the spreadsheet.',
  // Exports.
  fieldRepeated: 'Each field can be chosen once.',
  sessionNotInEvent: 'The session belongs to another event.',
  languageOnlyForPdf: 'The language applies to PDFs only: spreadsheets and CSV files are always in English.',
  // The kiosk.
  noticeNeedsVersion: 'Give the notice a version, such as 2026-03.',
  kioskPin: 'A staff PIN has 4 to 12 digits.',
  kioskQueryShort: 'Type at least 3 letters of your name.',
  signatureNotPng: 'The signature must be a PNG image.',
  signatureRequired: 'Sign in the box to check in.',
  signatureTooLarge: 'The signature image is too large.',
  signatureBlank: 'The signature is blank or only a dot: sign with your name.',
  consentRequired: 'Agree to the data-protection notice to check in.',
  // Sign-in.
  passphraseShort: 'A passphrase has at least 10 characters.',
  // Reports.
  samePerson: 'Choose two different person records.',
  oneOfEventOrProgramme: 'Give either an event or a programme.',
  // Joining a sync hub.
  hubUrl: 'Enter the hub’s address, such as http://192.168.1.10:4322.',
  // Feedback.
  feedbackEmpty: 'Add at least one question before opening the feedback form.',
  feedbackLanguage: 'This language is not one of the event’s languages.',
  feedbackNeedsText: 'Write this text in each of the event’s languages.',
  feedbackNoOptions: 'Only a choice question has options.',
  feedbackTwoOptions: 'A choice question needs at least two options.',
  feedbackOptionRepeated: 'Each option can appear once.',
  feedbackTooManyQuestions: 'A feedback form has at most 30 questions.',
  feedbackUnknownQuestion: 'This question is not on the event’s feedback form.',
  feedbackAnswer: 'This answer does not fit the question (a rating from 1 to 5, one of the options, or text).',
  feedbackRequired: 'Answer this question to send your feedback.',
  feedbackNeedsPerson: 'This event’s feedback is not anonymous: say who is answering.',
  feedbackAnonymous: 'This event’s feedback is anonymous: it takes no name.',
};

export function issuesFrom(error: z.ZodError): ApiIssue[] {
  return error.issues.map((issue) => {
    const key = issue.code === 'custom' ? (issue.params as { key?: unknown } | undefined)?.key : undefined;
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (typeof key === 'string') return { path, key, message: validationMessages[key] ?? issue.message };
    return { path, message: issue.message };
  });
}

export function summarise(issues: ApiIssue[]): string {
  const first = issues[0];
  if (!first) return 'The input is not valid.';
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${where}${first.message}${more}`;
}
