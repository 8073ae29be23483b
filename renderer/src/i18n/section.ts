import type en from './locales/en.json';

/** Every key under a part of the catalogue, as dotted paths ("welcome.title"). */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type Catalogue = typeof en;

/**
 * A translation function for one section of the catalogue, for helpers that take `t` as a parameter. Typed against
 * the whole catalogue, each call costs TypeScript enough instantiations that a statement with several of them passes
 * its limit (TS2589) once the catalogue grows; typed against its own section, keys are still checked at no such cost.
 */
export type SectionT<S extends keyof Catalogue> = (
  key: `${S}.${Leaves<Catalogue[S]>}`,
  options?: Record<string, string | number>,
) => string;
