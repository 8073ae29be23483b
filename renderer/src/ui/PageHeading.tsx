import { useEffect, useRef, type ReactNode } from 'react';

let navigated = false;
window.addEventListener('hashchange', () => {
  navigated = true;
});

/**
 * The screen's <h1>. After a navigation inside the app it takes focus, so screen-reader and keyboard users start at
 * the top of the new screen instead of on a link that no longer exists. On first load focus stays where it is.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (navigated) ref.current?.focus();
  }, []);
  // The window title names the screen too (what a screen reader announces on switching windows).
  useEffect(() => {
    const text = ref.current?.textContent?.trim();
    document.title = text ? `${text} – Muster` : 'Muster';
  });
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
