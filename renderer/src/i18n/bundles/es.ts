import countries from 'i18n-iso-countries/langs/es.json';
import zodLocale from 'zod/v4/locales/es.js';
import type { LanguageBundle } from '../bundle';
import catalogue from '../locales/es.json';

export default { catalogue, countries, zodLocale } satisfies LanguageBundle;
