import { fireEvent } from '@testing-library/react';
import type { Press } from '../fixtures/keyboard-layouts';

export * from '../fixtures/keyboard-layouts';

/**
 * Presses the keys in a text box as a browser does: keydown with the key's position, layout character and Shift,
 * then (unless the page prevented it) the character goes in at the caret, at the end.
 */
export function pressKeys(box: HTMLInputElement, presses: readonly Press[]) {
  for (const { code, key, shift } of presses) {
    const proceed = fireEvent.keyDown(box, { key, code, shiftKey: shift });
    if (proceed) fireEvent.change(box, { target: { value: box.value + key } });
    fireEvent.keyUp(box, { key, code, shiftKey: shift });
  }
}

/** Enter, as a scanner ends a scan. */
export function pressEnter(box: HTMLInputElement) {
  fireEvent.keyDown(box, { key: 'Enter', code: 'Enter' });
  fireEvent.keyUp(box, { key: 'Enter', code: 'Enter' });
}
