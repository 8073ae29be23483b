import type { UseFormRegisterReturn } from 'react-hook-form';
import type { SectionT } from '../i18n/section';
import { SelectField, TextField, type Option } from './fields';

/** The person's fields these groups show, named as in both the walk-in form and the details form. */
type PersonField = 'honorific' | 'givenNames' | 'familyName' | 'organisation' | 'organisationType' | 'email' | 'phone';

/*
 * These are called, not rendered as components (`{nameFields({ ... })}`): register() then runs in the form's own
 * render, in the order of the fields on screen, which is the order react-hook-form follows to focus the first wrong
 * field on submit. A child component would register its fields after the form's own ones.
 */

interface PersonFieldsProps {
  t: SectionT<'person'>;
  register: (name: PersonField) => UseFormRegisterReturn;
  error: (name: PersonField) => string | undefined;
}

/** The row of a person's names: honorific, given names, family name. */
export function nameFields({ t, register, error, honorificHint }: PersonFieldsProps & { honorificHint?: string }) {
  return (
    <div className="field-row">
      <TextField
        label={t('person.honorific')}
        hint={honorificHint}
        optional
        registration={register('honorific')}
        error={error('honorific')}
      />
      <TextField
        label={t('person.givenNames')}
        optional
        registration={register('givenNames')}
        error={error('givenNames')}
      />
      <TextField label={t('person.familyName')} registration={register('familyName')} error={error('familyName')} />
    </div>
  );
}

/** The organisation and its type, side by side in the row that holds them. */
export function organisationFields({
  t,
  register,
  error,
  types,
  placeholder,
}: PersonFieldsProps & { types: Option[]; placeholder?: string }) {
  return (
    <>
      <TextField
        label={t('person.organisation')}
        registration={register('organisation')}
        error={error('organisation')}
      />
      <SelectField
        label={t('person.organisationType')}
        placeholder={placeholder}
        options={types}
        registration={register('organisationType')}
        error={error('organisationType')}
      />
    </>
  );
}

/** Email and phone, side by side in the row that holds them. */
export function contactFields({ t, register, error }: PersonFieldsProps) {
  return (
    <>
      <TextField
        label={t('person.email')}
        type="email"
        optional
        registration={register('email')}
        error={error('email')}
      />
      <TextField
        label={t('person.phone')}
        type="tel"
        hint={t('person.phoneHint')}
        optional
        registration={register('phone')}
        error={error('phone')}
      />
    </>
  );
}
