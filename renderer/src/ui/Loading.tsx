/** A polite loading message: announced once, never stealing focus. */
export function Loading({ label }: { label: string }) {
  return (
    <p role="status" className="loading">
      {label}
    </p>
  );
}
