import type { z } from 'zod';
import type { registerCountryNames } from './countries';

/** Everything one interface language needs besides English; each is one lazily loaded chunk (bundles/*.ts). */
export interface LanguageBundle {
  catalogue: Record<string, unknown>;
  countries: Parameters<typeof registerCountryNames>[0];
  zodLocale: () => { localeError: z.core.$ZodErrorMap };
}
