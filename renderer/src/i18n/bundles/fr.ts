import countries from 'i18n-iso-countries/langs/fr.json';
import zodLocale from 'zod/v4/locales/fr.js';
import type { LanguageBundle } from '../bundle';
import catalogue from '../locales/fr.json';

export default { catalogue, countries, zodLocale } satisfies LanguageBundle;
