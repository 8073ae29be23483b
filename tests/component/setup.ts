import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { setLanguage } from '../../renderer/src/i18n/language';

// jsdom has <dialog> but not its modal methods: open and close it the way a browser would (minus the top layer
// and the inert page behind it, which the e2e tests check in Chromium).
HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
  this.removeAttribute('open');
  this.dispatchEvent(new Event('close'));
};

// Every test starts in English with nothing remembered, whatever the previous one switched to.
beforeEach(async () => {
  localStorage.clear();
  sessionStorage.clear();
  await setLanguage('en');
});

afterEach(() => {
  cleanup();
});
