import { Controller, type Control, type FieldPathByValue, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import { CountryPicker } from './CountryPicker';

interface CountryFieldProps<T extends FieldValues> {
  control: Control<T>;
  name: FieldPathByValue<T, string | null | undefined>;
  label: string;
  error: string | undefined;
  optional?: boolean;
}

/** A form's country: the labelled picker with its hint and inline error, bound to the field `name` of the form. */
export function CountryField<T extends FieldValues>({ control, name, label, error, optional }: CountryFieldProps<T>) {
  const { t } = useTranslation();
  return (
    <Field label={label} hint={t('form.countryHint')} error={error} optional={optional}>
      {(c) => (
        <Controller
          control={control}
          name={name}
          render={({ field }) => (
            <CountryPicker
              {...c}
              name={field.name}
              value={(field.value as string | null | undefined) ?? ''}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
            />
          )}
        />
      )}
    </Field>
  );
}
