import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { setLanguage } from '../../renderer/src/i18n/language';

// Every test starts in English with nothing remembered, whatever the previous one switched to.
beforeEach(async () => {
  localStorage.clear();
  sessionStorage.clear();
  await setLanguage('en');
});

afterEach(() => {
  cleanup();
});
