import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface DialogProps {
  title: ReactNode;
  /** A line under the title, e.g. the check-in code. */
  subtitle?: ReactNode;
  onClose: () => void;
  /** 'drawer' slides in from the inline end (right in English, left in Arabic); 'modal' sits in the middle. */
  variant?: 'drawer' | 'modal';
  children: ReactNode;
}

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native <dialog>: showModal() puts it in the top layer and makes the rest of the page inert,
 * so neither focus nor a screen reader's cursor can wander behind it. Tab wraps around inside it, Esc closes it,
 * and focus goes back to whatever opened it. Mount it to open it; unmount it (onClose) to close it.
 */
export function Dialog({ title, subtitle, onClose, variant = 'modal', children }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });

  // Esc closes the dialog wherever focus is, even on the page itself after a focused button went away.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      // Handled here rather than through the browser's own cancel, so the dialog closes the same way everywhere.
      e.preventDefault();
      closeRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    // Start on the first field or button, not on the close button in the corner.
    const first = dialog?.querySelector<HTMLElement>(`.dialog-body :is(${focusable})`);
    (first ?? dialog?.querySelector<HTMLElement>(focusable))?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      // The opener may have been re-rendered away meanwhile (a result list refreshed): then nothing to return to.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const wrapTab = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(focusable)].filter((el) => !el.closest('[hidden]'));
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${variant}`}
      aria-labelledby={titleId}
      onKeyDown={wrapTab}
      onCancel={(e) => {
        e.preventDefault();
        closeRef.current();
      }}
    >
      <div className="dialog-head">
        <div>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {subtitle && <p className="dialog-subtitle">{subtitle}</p>}
        </div>
        <button type="button" className="button small" onClick={() => closeRef.current()}>
          {t('common.close')}
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
