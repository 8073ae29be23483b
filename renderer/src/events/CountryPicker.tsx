import { useId, useState, type Ref } from 'react';
import { countryCode, countryName, countryOptions } from '../i18n/countries';
import { useLanguage } from '../i18n/use-language';
import type { ControlProps } from '../ui/Field';

interface CountryPickerProps extends ControlProps {
  /** The ISO 3166-1 alpha-2 code, or what the user typed when it matches no country (so validation can say so). */
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  name: string;
  inputRef: Ref<HTMLInputElement>;
  disabled?: boolean;
}

/**
 * A text box with the localised country names as suggestions (a native datalist: keyboard and screen-reader support
 * come from the browser). The form holds the code; the box shows the name in the interface language.
 */
export function CountryPicker({ value, onChange, onBlur, name, inputRef, disabled, ...control }: CountryPickerProps) {
  const lang = useLanguage();
  const listId = useId();
  const [text, setText] = useState('');
  // Show what the user typed while it still stands for the value; otherwise (first render, reset, language switch)
  // show the value's name.
  const typedStandsForValue = (countryCode(text, lang) ?? text.trim()) === value;
  const shown = typedStandsForValue || !value ? text : countryName(value, lang);

  return (
    <>
      <input
        {...control}
        ref={inputRef}
        name={name}
        type="text"
        list={listId}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        value={shown}
        onChange={(e) => {
          setText(e.target.value);
          onChange(countryCode(e.target.value, lang) ?? e.target.value.trim());
        }}
        onBlur={() => {
          const code = countryCode(shown, lang);
          if (code) setText(countryName(code, lang));
          onBlur();
        }}
      />
      <datalist id={listId}>
        {countryOptions(lang).map((c) => (
          <option key={c.code} value={c.name} />
        ))}
      </datalist>
    </>
  );
}
