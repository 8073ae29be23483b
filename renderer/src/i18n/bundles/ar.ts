import countries from 'i18n-iso-countries/langs/ar.json';
import zodLocale from 'zod/v4/locales/ar.js';
import type { LanguageBundle } from '../bundle';
import catalogue from '../locales/ar.json';

export default { catalogue, countries, zodLocale } satisfies LanguageBundle;
