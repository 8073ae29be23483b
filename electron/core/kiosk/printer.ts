import type { Context } from '../context';

/**
 * Whether this device has a badge printer the kiosk should print on at check-in. The badges domain logs a print
 * (`badge.print`) and the shell sends it to a printer, but Muster has no setting yet that names a kiosk's printer,
 * so the answer is no: the kiosk then never calls `badge.print` and its success screen never claims a badge is
 * printing. This is the one place the kiosk asks; a printer setting answers here when it exists.
 */
export function badgePrinterConfigured(ctx: Context): boolean {
  void ctx;
  return false;
}
