import type { z } from 'zod';
import { issuesFrom, validationMessages } from '../api/errors';
import { participantCreate, type Category, type ParticipantFields, type Status } from '../participants/schema';
import { duplicateKeys, type DuplicateKeys } from '../participants/duplicate-keys';
import { toE164 } from '../participants/phone';
import { withoutGuard } from '../exports/neutralise';
import { invisible } from '../text/invisible';
import { countryCode } from './countries';
import { importFields, type ImportField } from './fields';
import { changesGiven, valuesOf } from './row-parts';
import type { ImportMapping } from './mapping';
import type { UnreadCell } from './table';
import { categoryOf, genderFromTitle, genderOf, languageOf, organisationTypeOf, statusOf } from './values';

export interface PreviewIssue {
  field: ImportField | null;
  key: string;
  message: string;
}

export type ParticipantCreate = z.output<typeof participantCreate>;

/** One data row of the file, read, normalised and checked: what the preview shows and the commit writes. */
export interface PreparedRow {
  row: number;
  /** The row's values after normalisation, as text, for the preview. */
  values: Partial<Record<ImportField, string>>;
  errors: PreviewIssue[];
  warnings: PreviewIssue[];
  /** The participant.create input for this row, validated by the contract's own schema; null when it has errors. */
  create: ParticipantCreate | null;
  /** What "update the existing person" changes: only the fields this row actually gave. */
  changes: Partial<ParticipantFields>;
  registration: { category?: Category; status?: Status };
  keys: DuplicateKeys | null;
  /** Hidden in the spreadsheet: shown with a warning and skipped unless the person says to add it (schema.ts rowAction). */
  hidden: boolean;
  /** Set after reading: an earlier row of the file, or people already on the roster, this row may be. */
  duplicate: Duplicate | null;
}

export interface RosterMatch {
  participantId: string;
  name: string;
  country: string;
  email: string | null;
  reasons: ('email' | 'name_country')[];
  /** Already registered for this event. */
  registered: boolean;
}

export type Duplicate = { of: 'file'; row: number } | { of: 'roster'; matches: RosterMatch[] };

export interface RowContext {
  eventId: string;
  /** The event's country: how local phone numbers are read. */
  eventCountry: string;
  /** The file's column names, so a problem with a cell can name its column. */
  headers?: readonly string[];
}

/** What the reader noticed about a row besides its text (table.ts). */
export interface RowSource {
  hidden?: boolean;
  unread?: readonly UnreadCell[];
}

const issue = (field: ImportField | null, key: string, detail = ''): PreviewIssue => ({
  field,
  key,
  message: `${validationMessages[key] ?? key}${detail}`,
});

/**
 * Trimmed, one Unicode form (NFC), control characters and runs of spaces or line breaks made one space, and the
 * invisible characters text copied from web pages, Word or mail carries (zero-width spaces, direction marks, soft
 * hyphens) dropped: an email that looks right must not fail, nor one name hide as two. The joiners (ZWJ, ZWNJ) stay:
 * Persian and Indic names need them. And without the apostrophe an export puts before a formula-like value, so a
 * list exported from Muster (or guarded the same way by another tool) imports "+254…", not "'+254…".
 */
function clean(text: string | undefined): string {
  return withoutGuard(text ?? '')
    .normalize('NFC')
    .replace(invisible, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
}

/** Scripts written without spaces: 王小明 is family name 王 and given name 小明. */
const unspaced = /^[\p{Script=Han}\p{Script=Hangul}]+$/u;

function splitFullName(full: string): { givenNames: string; familyName: string } {
  const comma = full.indexOf(',');
  // "OTIENO, Amina": family name first, as on many official lists.
  if (comma > 0) return { familyName: full.slice(0, comma).trim(), givenNames: full.slice(comma + 1).trim() };
  if (unspaced.test(full) && [...full].length > 1) {
    const [family = '', ...given] = [...full];
    return { familyName: family, givenNames: given.join('') };
  }
  const words = full.split(' ');
  if (words.length < 2) return { familyName: full, givenNames: '' };
  // "OTIENO Amina", "Amina OTIENO": official lists write the family name in capitals, wherever it stands.
  const capitals = words.filter(isCapitalised);
  if (capitals.length > 0 && capitals.length < words.length) {
    return { familyName: capitals.join(' '), givenNames: words.filter((w) => !isCapitalised(w)).join(' ') };
  }
  // "Юсупова Дилноза Акмаловна", "Karimov Aziz Rustamovich": a patronymic last means the family name came first.
  if (words.length >= 3 && patronymic.test(words.at(-1) ?? '')) {
    return { familyName: words[0] ?? '', givenNames: words.slice(1).join(' ') };
  }
  return { givenNames: words.slice(0, -1).join(' '), familyName: words.at(-1) ?? '' };
}

/** A word in capitals only (two letters or more, so an initial such as "J." is not one). */
function isCapitalised(word: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
}

/** Russian, Kazakh, Kyrgyz and Uzbek patronymics, in Cyrillic or Latin letters. */
const patronymic =
  /(?:вич|вна|ична|кызы|қызы|улы|ұлы|уулу|оглы|угли|ўғли|ovich|evich|ovna|evna|qizi|kyzy|uulu|o[‘'ʻ]?g[‘'ʻ]?li)$/iu;

// When a list gives the category but no organisation type, the usual type for that category.
const typeForCategory: Record<Category, ParticipantFields['organisationType']> = {
  partner_state_delegate: 'government',
  embassy: 'diplomatic_mission',
  private_sector: 'private_sector',
  international_organisation: 'international_organisation',
  un: 'un_entity',
  civil_society_academia: 'civil_society_academia',
  speaker_expert: 'other',
  organiser_staff: 'other',
  observer: 'other',
};

/**
 * Reads one row through the mapping: values normalised (names NFC and trimmed, gender, country, category, type,
 * status and language from the ways people write them, phones to E.164 with the event's country first), then the
 * candidate checked by participant.create's own schema, so a row the preview accepts is one the desk would accept.
 */
export function prepareRow(
  number: number,
  cells: readonly string[],
  mapping: ImportMapping,
  context: RowContext,
  source: RowSource = {},
): PreparedRow {
  const raw: Partial<Record<ImportField, string>> = {};
  mapping.columns.forEach((field, i) => {
    if (field !== null) raw[field] = clean(cells[i]);
  });
  const errors: PreviewIssue[] = [];
  const warnings: PreviewIssue[] = [];
  const given = new Set<ImportField>(importFields.filter((f) => raw[f]));
  const defaults = mapping.defaults;

  // A family name the file holds but could not give (an uncalculated formula) is missing, not absent: the given
  // names must not stand in for it.
  const familyUnread = source.unread?.some((cell) => mapping.columns[cell.column] === 'familyName') === true;
  let givenNames = raw.givenNames ?? '';
  let familyName = raw.familyName ?? '';
  if (!givenNames && !familyName && raw.fullName) {
    ({ givenNames, familyName } = splitFullName(raw.fullName));
    // One word only: say so, as for a lone given name. A second "Name" column (a header merged over given and family
    // names reads as "Name", "Name") is left unmapped, and this is what tells the person to map it.
    warnings.push(givenNames ? issue('fullName', 'fullNameSplit') : issue('fullName', 'singleName'));
    given.add('givenNames').add('familyName');
  } else if (!familyName && givenNames && !familyUnread) {
    familyName = givenNames;
    givenNames = '';
    warnings.push(issue('familyName', 'singleName'));
    given.add('familyName');
  }
  // "Дилноза" + "Акмаловна", "John" + "Paul": middle names and patronymics follow the given names.
  if (raw.middleNames) {
    givenNames = givenNames ? `${givenNames} ${raw.middleNames}` : raw.middleNames;
    given.add('givenNames');
  }

  // A gender column often holds the title instead ("Mme", "Sra", "Mr"): it says the same.
  let gender = raw.gender ? (genderOf(raw.gender) ?? genderFromTitle(raw.gender)) : null;
  if (raw.gender && !gender) warnings.push(issue('gender', 'genderUnrecognised', ` (“${raw.gender}”)`));
  if (!raw.gender && raw.honorific) {
    gender = genderFromTitle(raw.honorific);
    if (gender) {
      warnings.push(issue('gender', 'genderFromTitle'));
      given.add('gender');
    }
  }
  if (!gender) given.delete('gender');

  let country = raw.country ? countryCode(raw.country) : (defaults.country ?? null);
  if (raw.country && !country) errors.push(issue('country', 'unknownCountry', ` (“${raw.country}”)`));
  if (!raw.country && !country) errors.push(issue('country', 'blank'));
  country ??= '';
  const nationality = raw.nationality ? countryCode(raw.nationality) : null;
  if (raw.nationality && !nationality) errors.push(issue('nationality', 'unknownCountry', ` (“${raw.nationality}”)`));

  let category = raw.category ? categoryOf(raw.category) : null;
  if (raw.category && !category) warnings.push(issue('category', 'categoryUnrecognised', ` (“${raw.category}”)`));
  if (!category) given.delete('category');
  category ??= defaults.category ?? 'partner_state_delegate';

  let organisationType = raw.organisationType ? organisationTypeOf(raw.organisationType) : null;
  if (raw.organisationType && !organisationType) {
    warnings.push(issue('organisationType', 'organisationTypeUnrecognised', ` (“${raw.organisationType}”)`));
  }
  if (!organisationType) given.delete('organisationType');
  organisationType ??= defaults.organisationType ?? typeForCategory[category];

  let status = raw.status ? statusOf(raw.status) : null;
  if (raw.status && !status) warnings.push(issue('status', 'statusUnrecognised', ` (“${raw.status}”)`));
  if (!status) given.delete('status');
  status ??= defaults.status ?? 'confirmed';

  let phone: string | null = null;
  if (raw.phone) {
    phone = toE164(raw.phone, country ? [context.eventCountry, country] : [context.eventCountry]);
    if (!phone) {
      warnings.push(issue('phone', 'phoneDropped', ` (“${raw.phone}”)`));
      given.delete('phone');
    }
  }

  const preferredLanguage = raw.preferredLanguage ? languageOf(raw.preferredLanguage) : null;
  if (raw.preferredLanguage && !preferredLanguage) {
    warnings.push(issue('preferredLanguage', 'languageUnrecognised', ` (“${raw.preferredLanguage}”)`));
    given.delete('preferredLanguage');
  }

  const candidate = {
    eventId: context.eventId,
    honorific: raw.honorific ?? '',
    givenNames,
    familyName,
    badgeName: raw.badgeName ?? '',
    gender: gender ?? defaults.gender ?? 'not_stated',
    country,
    nationality,
    organisation: raw.organisation || defaults.organisation || '',
    organisationType,
    jobTitle: raw.jobTitle ?? '',
    email: raw.email ?? null,
    phone,
    preferredLanguage,
    accessibility: raw.accessibility ?? '',
    dietary: raw.dietary ?? '',
    notes: raw.notes ?? '',
    category,
    status,
    ...(raw.code ? { code: raw.code } : {}),
  };
  const parsed = participantCreate.safeParse(candidate);
  if (!parsed.success) {
    for (const problem of issuesFrom(parsed.error)) {
      const field = importFields.find((f) => f === problem.path[0]) ?? null;
      // Country problems were reported above in the file's own words.
      if (field === 'country' || field === 'nationality') continue;
      const key = problem.key ?? (field === 'familyName' || field === 'organisation' ? 'blank' : 'invalidValue');
      errors.push({ field, key, message: problem.message });
    }
  }
  if (source.unread) explainUnread(source.unread, mapping, context.headers ?? [], errors, warnings);
  if (source.hidden) warnings.push(issue(null, 'hiddenRow'));
  const create = parsed.success && errors.length === 0 ? parsed.data : null;
  return {
    row: number,
    values: valuesOf(create ?? candidate),
    errors,
    warnings,
    create,
    changes: create ? changesGiven(create, given) : {},
    registration: create
      ? {
          ...(given.has('category') ? { category: create.category } : {}),
          ...(given.has('status') ? { status: create.status } : {}),
        }
      : {},
    keys: create ? duplicateKeys(create) : null,
    hidden: source.hidden === true,
    duplicate: null,
  };
}

// A name column read as empty leaves the family name missing, whichever of the name fields it was mapped to.
const nameFields: readonly ImportField[] = ['fullName', 'givenNames', 'familyName'];

/**
 * Says, for each mapped cell that read as empty but was not (a formula with no saved value, an error value), which
 * column it was and what to do. A required field that is missing for that reason gets its error said the same way,
 * in place of the bare "required", so the person fixes the file rather than retyping a name that is there.
 */
function explainUnread(
  unread: readonly UnreadCell[],
  mapping: ImportMapping,
  headers: readonly string[],
  errors: PreviewIssue[],
  warnings: PreviewIssue[],
): void {
  const explained = unread.flatMap((cell) => {
    const field = mapping.columns[cell.column] ?? null;
    if (field === null) return [];
    const column = headers[cell.column] ?? `Column ${cell.column + 1}`;
    const detail = cell.reason === 'errorValue' ? ` (“${column}”: ${cell.shown ?? ''})` : ` (“${column}”)`;
    warnings.push(issue(field, cell.reason === 'errorValue' ? 'cellErrorValue' : 'formulaNoValue', detail));
    return [{ field, detail, key: cell.reason === 'errorValue' ? 'requiredErrorValue' : 'requiredNoValue' }];
  });
  // The column mapped to the missing field itself first ("Last name" for the family name), then any name column.
  const passes = [
    (field: ImportField, missing: ImportField | null) => field === missing,
    (field: ImportField, missing: ImportField | null) => nameFields.includes(field) && missing === 'familyName',
  ];
  for (const matches of passes) {
    for (const cell of explained) {
      const at = errors.findIndex((e) => e.key === 'blank' && matches(cell.field, e.field));
      const required = errors[at];
      if (required) errors[at] = issue(required.field, cell.key, cell.detail);
    }
  }
}
