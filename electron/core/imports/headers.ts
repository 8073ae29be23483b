import { fold } from '../text/fold';
import type { ImportField } from './fields';
import { importLimits } from './limits';
import type { TableRow } from './table';

/**
 * Header names organisers' lists use, in English, French, Spanish, Russian (and a few in Arabic), per field.
 * Compared folded (no accents or case) with punctuation as spaces, so "E-mail", "e‑mail" and "EMAIL" all match.
 * Beware the false friends: French "Nom" is the family name, Spanish "Nombre" the given name, English "Name" the
 * whole name.
 */
const aliases: Record<ImportField, readonly string[]> = {
  honorific: ['title', 'honorific', 'salutation', 'civilité', 'titre', 'tratamiento', 'título', 'обращение'],
  givenNames: [
    'first name',
    'first names',
    'given name',
    'given names',
    'forename',
    'forenames',
    'first',
    'prénom',
    'prénoms',
    'nombre',
    'nombres',
    'primer nombre',
    'имя',
    'الاسم الأول',
  ],
  middleNames: [
    'middle name',
    'middle names',
    'other names',
    'patronymic',
    'deuxième prénom',
    'second prénom',
    'autres prénoms',
    'segundo nombre',
    'otros nombres',
    'отчество',
    'второе имя',
    'اسم الأب',
  ],
  familyName: [
    'last name',
    'surname',
    'family name',
    'lastname',
    'last',
    'nom',
    'nom de famille',
    'apellido',
    'apellidos',
    'фамилия',
    'اسم العائلة',
    'اللقب',
  ],
  fullName: [
    'name',
    'full name',
    'participant',
    'participant name',
    'participante',
    'nombre del participante',
    'участник',
    'name and surname',
    'first and last name',
    'surname and name',
    'surname and first name',
    'nom complet',
    'nom et prénom',
    'prénom et nom',
    'nombre completo',
    'nombre y apellido',
    'nombre y apellidos',
    'nombres y apellidos',
    'apellido y nombre',
    'apellidos y nombres',
    'nom et prénoms',
    'nom prénom',
    'nom prénoms',
    'prénom nom',
    'prénoms et nom',
    'фамилия имя',
    'фамилия и имя',
    'фамилия имя отчество',
    'имя фамилия',
    'фио',
    'ф и о',
    'полное имя',
    'имя и фамилия',
    'الاسم',
    'الاسم الكامل',
  ],
  badgeName: ['badge name', 'name on badge', 'nom sur le badge', 'nombre en la credencial', 'имя на бейдже'],
  gender: ['gender', 'sex', 'genre', 'sexe', 'género', 'sexo', 'пол', 'الجنس', 'النوع'],
  country: [
    'country',
    'country represented',
    'delegation',
    'member state',
    'state',
    'pays',
    'pays représenté',
    'état',
    'país',
    'país representado',
    'страна',
    'государство',
    'البلد',
    'الدولة',
  ],
  nationality: [
    'nationality',
    'citizenship',
    'nationalité',
    'nacionalidad',
    'гражданство',
    'национальность',
    'الجنسية',
  ],
  organisation: [
    'organisation',
    'organization',
    'institution',
    'agency',
    'ministry',
    'affiliation',
    'employer',
    'entity',
    'organisme',
    'institution',
    'ministère',
    'organización',
    'organizacion',
    'institución',
    'entidad',
    'ministerio',
    'организация',
    'название организации',
    'наименование организации',
    'учреждение',
    'ведомство',
    'министерство',
    'المنظمة',
    'الجهة',
    'المؤسسة',
  ],
  organisationType: [
    'organisation type',
    'organization type',
    'type of organisation',
    'type of organization',
    'type d organisation',
    'type d organisme',
    'tipo de organización',
    'tipo de organizacion',
    'тип организации',
  ],
  jobTitle: [
    'job title',
    'position',
    'function',
    'designation',
    'post',
    'rank',
    'poste',
    'fonction',
    'titre du poste',
    'cargo',
    'puesto',
    'должность',
    'المنصب',
    'الوظيفة',
  ],
  email: [
    'email',
    'e mail',
    'email address',
    'email id',
    'e mail id',
    'adresse de courriel',
    'adresse courriel',
    'dirección de correo',
    'dirección de correo electrónico',
    'адрес электронной почты',
    'e mail address',
    'mail',
    'courriel',
    'adresse électronique',
    'adresse e mail',
    'correo',
    'correo electrónico',
    'эл почта',
    'электронная почта',
    'почта',
    'البريد الإلكتروني',
  ],
  phone: [
    'phone',
    'telephone',
    'phone number',
    'mobile',
    'mobile phone',
    'cell',
    'cell phone',
    'tel',
    'phone no',
    'telephone number',
    'numéro de téléphone',
    'número de teléfono',
    'тел',
    'номер телефона',
    'контактный телефон',
    'мобильный телефон',
    'téléphone',
    'portable',
    'teléfono',
    'celular',
    'móvil',
    'телефон',
    'мобильный',
    'моб телефон',
    'الهاتف',
    'رقم الهاتف',
  ],
  preferredLanguage: ['language', 'preferred language', 'langue', 'idioma', 'язык', 'اللغة'],
  accessibility: ['accessibility', 'special needs', 'accessibilité', 'accesibilidad', 'доступность'],
  dietary: [
    'dietary',
    'diet',
    'dietary requirements',
    'dietary restrictions',
    'régime alimentaire',
    'dieta',
    'питание',
  ],
  notes: [
    'notes',
    'note',
    'comments',
    'remarks',
    'remarques',
    'commentaires',
    'observaciones',
    'notas',
    'примечания',
    'комментарии',
    'ملاحظات',
  ],
  category: ['category', 'participant category', 'catégorie', 'categoría', 'категория', 'الفئة'],
  status: ['status', 'registration status', 'statut', 'estado de inscripción', 'статус'],
  code: ['code', 'check in code', 'badge code', 'registration code', 'code d enregistrement', 'código', 'код'],
};

/** A header or value as compared: folded, punctuation and symbols as single spaces. */
export function headerKey(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const byKey = new Map<string, ImportField>();
for (const [field, names] of Object.entries(aliases) as [ImportField, readonly string[]][]) {
  for (const name of names) if (!byKey.has(headerKey(name))) byKey.set(headerKey(name), field);
}

/** The field a header names, if it is one we know (whole header, or the header with its last word dropped). */
export function fieldForHeader(header: string): ImportField | null {
  const key = headerKey(header);
  if (!key) return null;
  const exact = byKey.get(key);
  if (exact) return exact;
  const words = key.split(' ');
  // "E-mail (work)", "Surname *", "Type of organisation (choose)": the longest leading run of words we know.
  const leading = leadingField(words.slice(0, -1));
  // "Name of organisation", "Nombre de la institución", "Numéro de téléphone": unless that run reaches past the
  // "of", the words after it say what the column holds (a leading "Name" would make an organisation a person's name).
  const of = words.findIndex((word, i) => i > 0 && prepositions.has(word));
  if (of > 0 && (leading?.words ?? 0) <= of) {
    const rest = words.slice(of + 1);
    if (rest.length > 1 && articles.has(rest[0] ?? '')) rest.shift();
    const named = leadingField(rest);
    if (named) return named.field;
  }
  return leading?.field ?? null;
}

const prepositions = new Set(['of', 'de', 'du', 'del', 'des']);
const articles = new Set(['the', 'la', 'le', 'l', 'el', 'les', 'los', 'las']);

/** The field named by the longest leading run of these words, and how many words that run has. */
function leadingField(words: readonly string[]): { field: ImportField; words: number } | null {
  for (let n = words.length; n >= 1; n--) {
    const field = byKey.get(words.slice(0, n).join(' '));
    if (field) return { field, words: n };
  }
  return null;
}

/**
 * The header row: among the first rows, the one naming the most known fields (title rows such as "Workshop in
 * Nairobi, nominations" often sit above it). With no recognisable header, the first non-empty row.
 */
export function findHeaderRow(rows: readonly TableRow[]): number {
  let best = -1;
  let bestScore = 1;
  const limit = Math.min(rows.length, importLimits.headerSearchRows);
  for (const [i, row] of rows.slice(0, limit).entries()) {
    const fields = new Set(row.cells.map(fieldForHeader).filter((f) => f !== null));
    if (fields.size > bestScore) {
      best = i;
      bestScore = fields.size;
    }
  }
  if (best >= 0) return best;
  const first = rows.findIndex((row) => row.cells.some((c) => c.trim() !== ''));
  return Math.max(first, 0);
}

/** Maps each column to the field its header names; a field goes to its first column, and a full name only when
 * the given and family names have no columns of their own. */
export function autoMapping(headers: readonly string[]): (ImportField | null)[] {
  const taken = new Set<ImportField>();
  const columns = headers.map((header) => {
    const field = fieldForHeader(header);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
  if (taken.has('fullName') && (taken.has('givenNames') || taken.has('familyName'))) {
    return columns.map((field) => (field === 'fullName' ? null : field));
  }
  return columns;
}

/** A file's layout: its headers as compared. Mappings are remembered per event and layout. */
export function layoutKey(headers: readonly string[]): string {
  return JSON.stringify(headers.map(headerKey));
}
