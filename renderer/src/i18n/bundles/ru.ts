import countries from 'i18n-iso-countries/langs/ru.json';
import zodLocale from 'zod/v4/locales/ru.js';
import type { LanguageBundle } from '../bundle';
import catalogue from '../locales/ru.json';

export default { catalogue, countries, zodLocale } satisfies LanguageBundle;
