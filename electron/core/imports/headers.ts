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
    'nom complet',
    'nom et prénom',
    'prénom et nom',
    'nombre completo',
    'nombre y apellido',
    'nombre y apellidos',
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
  // "E-mail (work)", "Surname *", "Country of nomination": try the longest leading run of words we know.
  const words = key.split(' ');
  for (let n = words.length - 1; n >= 1; n--) {
    const found = byKey.get(words.slice(0, n).join(' '));
    if (found) return found;
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
