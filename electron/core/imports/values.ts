import type { Category, Gender, Status } from '../participants/schema';
import type { Language } from '../events/schema';
import type { organisationTypes } from '../participants/schema';
import { headerKey } from './headers';

type OrganisationType = (typeof organisationTypes)[number];

/** A lookup from the ways people write a value (compared like headers: folded, punctuation as spaces) to the value. */
function table<T extends string>(entries: Record<T, readonly string[]>): (text: string) => T | null {
  const map = new Map<string, T>();
  for (const [value, spellings] of Object.entries(entries) as [T, readonly string[]][]) {
    map.set(headerKey(value.replace(/_/g, ' ')), value);
    for (const spelling of spellings) map.set(headerKey(spelling), value);
  }
  return remembered((text) => map.get(headerKey(text)) ?? null);
}

/**
 * A lookup that answers each distinct text once: a file of 100,000 people spells its genders, countries and
 * categories a few dozen ways, and folding the same spelling again for every row was a tenth of reading the file.
 * Bounded, so a hostile file of all-different values cannot make it grow without end.
 */
export function remembered<T>(lookup: (text: string) => T): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined && !answers.has(text)) {
      answer = lookup(text);
      if (answers.size < 10_000) answers.set(text, answer);
    }
    return answer as T;
  };
}

/** Gender as lists write it, in the languages of the programme: F, Female, Woman, Femme, Mujer, Ж, أنثى ... */
export const genderOf = table<Gender>({
  female: [
    'f',
    'fem',
    'female',
    'woman',
    'women',
    'w',
    'femme',
    'féminin',
    'mujer',
    'femenino',
    'femenina',
    'ж',
    'жен',
    'женский',
    'женщина',
    'أنثى',
    'انثى',
    // Uzbek, Kyrgyz, Kazakh and Swahili, for lists filled in locally.
    'ayol',
    'аёл',
    'аял',
    'әйел',
    'mwanamke',
    '女',
    'หญิง',
  ],
  male: [
    'm',
    'masc',
    'male',
    'man',
    'men',
    'h',
    'homme',
    'masculin',
    'hombre',
    'masculino',
    'varón',
    'м',
    'муж',
    'мужской',
    'мужчина',
    'ذكر',
    'erkak',
    'эркак',
    'эркек',
    'ер',
    'mwanaume',
    '男',
    'ชาย',
  ],
  another: [
    'other',
    'x',
    'non binary',
    'nonbinary',
    'diverse',
    'autre',
    'non binaire',
    'otro',
    'otra',
    'no binario',
    'другой',
    'другое',
  ],
  not_stated: [
    'not stated',
    'prefer not to say',
    'unknown',
    'n a',
    'na',
    'non précisé',
    'non indiqué',
    'no indica',
    'no especificado',
    'не указан',
    'не указано',
  ],
});

/** The gender a title implies (Ms, Mrs, Mme, Sra, г-жа / Mr, M., Sr, г-н), for lists with a title but no gender. */
export const genderFromTitle = table<'female' | 'male'>({
  female: ['ms', 'mrs', 'miss', 'mme', 'mlle', 'madame', 'sra', 'srta', 'señora', 'г жа', 'госпожа'],
  male: ['mr', 'm', 'monsieur', 'sr', 'señor', 'г н', 'господин'],
});

export const categoryOf = table<Category>({
  partner_state_delegate: [
    'delegate',
    'partner state',
    'partner state delegate',
    'member state',
    'government',
    'délégué',
    'delegado',
    'делегат',
  ],
  embassy: ['embassy', 'diplomat', 'diplomatic', 'ambassade', 'embajada', 'посольство'],
  private_sector: [
    'private',
    'private sector',
    'industry',
    'company',
    'secteur privé',
    'sector privado',
    'частный сектор',
  ],
  international_organisation: [
    'international organisation',
    'international organization',
    'io',
    'organisation internationale',
    'organización internacional',
    'международная организация',
  ],
  un: ['un', 'united nations', 'un system', 'onu', 'nations unies', 'naciones unidas', 'оон'],
  civil_society_academia: [
    'civil society',
    'academia',
    'ngo',
    'university',
    'société civile',
    'sociedad civil',
    'ong',
    'гражданское общество',
  ],
  speaker_expert: [
    'speaker',
    'expert',
    'panelist',
    'panellist',
    'trainer',
    'intervenant',
    'orador',
    'ponente',
    'эксперт',
    'докладчик',
  ],
  organiser_staff: ['organiser', 'organizer', 'staff', 'secretariat', 'organisateur', 'organizador', 'организатор'],
  observer: ['observer', 'observateur', 'observador', 'наблюдатель'],
});

export const organisationTypeOf = table<OrganisationType>({
  government: ['ministry', 'ministère', 'ministerio', 'gouvernement', 'gobierno', 'министерство', 'правительство'],
  law_enforcement: ['police', 'law enforcement', 'policía', 'полиция', 'правоохранительные органы'],
  prosecution_judiciary: [
    'prosecution',
    'judiciary',
    'prosecutor',
    'court',
    'justice',
    'parquet',
    'fiscalía',
    'прокуратура',
    'суд',
  ],
  security_agency: ['security', 'intelligence', 'security agency', 'renseignement', 'inteligencia', 'спецслужба'],
  diplomatic_mission: ['embassy', 'diplomatic', 'mission', 'ambassade', 'embajada', 'посольство'],
  international_organisation: [
    'international organization',
    'io',
    'organisation internationale',
    'organización internacional',
  ],
  un_entity: ['un', 'united nations', 'un entity', 'onu', 'оон'],
  private_sector: ['private', 'company', 'industry', 'secteur privé', 'sector privado'],
  civil_society_academia: ['civil society', 'academia', 'ngo', 'university', 'ong', 'université', 'universidad'],
  other: ['autre', 'otro', 'другое'],
});

export const statusOf = table<Status>({
  invited: ['invite', 'nominated', 'invité', 'invitado', 'приглашен', 'приглашён'],
  confirmed: ['confirm', 'registered', 'accepted', 'confirmé', 'confirmado', 'подтвержден', 'подтверждён'],
  cancelled: ['canceled', 'declined', 'withdrawn', 'annulé', 'cancelado', 'отменен', 'отменён'],
  walk_in: ['walkin', 'on site', 'sur place', 'en sitio'],
});

export const languageOf = table<Language>({
  en: ['english', 'anglais', 'inglés', 'английский', 'eng'],
  fr: ['french', 'français', 'francés', 'французский', 'fra', 'fre'],
  es: ['spanish', 'espagnol', 'español', 'castellano', 'испанский', 'spa'],
  ru: ['russian', 'russe', 'ruso', 'русский', 'rus'],
  ar: ['arabic', 'arabe', 'árabe', 'арабский', 'العربية', 'ara'],
});
