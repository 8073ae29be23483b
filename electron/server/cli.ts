import { StoreError } from '../core/db/driver';
import { CommandError, UsageError } from './commands/common';
import { backupCommand } from './commands/backup';
import { badgesCommand, verifyCodeCommand } from './commands/badges';
import { checkinCommand } from './commands/checkin';
import { eventCommand } from './commands/event';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { participantCommand } from './commands/participant';
import { programmeCommand, reportCommand } from './commands/report';
import { serveCommand } from './commands/serve';
import { syncCommand } from './commands/sync';
import { hubCommand } from './commands/hub';
import { retentionCommand } from './commands/retention';

const help = `Muster: offline registration and check-in.

Usage: muster <command> [options]

  serve [--data DIR] [--port N]          Browser mode on http://127.0.0.1:N (default 4321; 0 picks a free port)
        [--unlock-in-browser]            without a data passphrase, the page asks for it (or to choose one)
  event list [--data DIR] [--all] [--json]
  event create --title T --city C --country CC --start YYYY-MM-DD --end YYYY-MM-DD --time-zone ZONE
               [--venue V] [--languages en,fr] [--retention-days N|keep] [--data DIR] [--json]
  participant add --event ID --family NAME --gender female|male|another|not_stated --country CC
               --organisation ORG --org-type TYPE --category CATEGORY [--given NAMES] [--honorific H]
               [--badge NAME] [--nationality CC] [--job-title T] [--email E] [--phone P] [--status S]
               [--code CODE] [--check-in SESSION_ID] [--data DIR] [--json]
  participant list --event ID [--session ID] [--search TEXT] [--status s,..] [--category c,..]
               [--country CC,..] [--gender g,..] [--checked-in | --not-checked-in]
               [--sort name|country|organisation|category|status|registered] [--desc]
               [--limit N] [--offset N] [--data DIR] [--json]
  checkin --event ID --session ID (--code CODE | --participant ID) [--method search|qr|walk_in|manual]
               [--operator NAME] [--id UUID] [--data DIR] [--json]
  import --event ID FILE [--sheet NAME] [--header-row N] [--mapping auto|FILE.json]
               [--on-duplicate skip|update|add] [--dry-run] [--data DIR] [--json]
                                         A CSV or XLSX list: previewed, then committed all-or-nothing
  export --event ID --format csv|xlsx|signin-pdf|summary-pdf --out FILE [--session ID]
               [--fields f1,f2,...] [--include-cancelled] [--language en|fr|es|ru|ar] [--data DIR] [--json]
                                         Email and phone only when named in --fields; PDFs in the event's
                                         first language unless --language names another (CSV, XLSX: English)
  badges --event ID --layout a4-8|a6|4x3 --out FILE.pdf [--registration ID ...] [--include-cancelled]
               [--language en|fr|es|ru|ar] [--data DIR] [--json]
                                         Badges with signed QR codes; every registration not cancelled by default
  verify-code CODE --event ID [--data DIR] [--json]
                                         Checks a badge QR token (M1.…) or short code; exits 1 with the reason
  backup list|create|restore NAME [--data DIR] [--json]
                                         The data folder's backups; restore with the app closed
  sync status --event ID [--data DIR] [--json]
                                         This replica's version vector and digest of the event
  sync export --event ID --out FILE [--since VECTOR.json|JSON] [--passphrase-file F] [--data DIR] [--json]
  sync import FILE [--event ID] [--passphrase-file F] [--data DIR] [--json]
                                         Signed, encrypted bundles between kiosks; the passphrase comes from
                                         --passphrase-file or MUSTER_SYNC_PASSPHRASE
  sync hub --url URL --event ID [--every SECONDS] [--passphrase-file F] [--data DIR] [--json]
                                         Sync with a hub: upload, then download; --every keeps syncing
  hub [--data DIR | --database postgres://USER@HOST/DB [--schema S]] [--port N] [--host ADDR] [--passphrase-file F]
                                         A headless sync hub (default 127.0.0.1:4322); --host 0.0.0.0 for a LAN;
                                         --database keeps its store in PostgreSQL (several hubs may share it)
  programme list | create --name NAME [--event ID ...] | rename --programme ID --name NAME
               | assign|unassign --programme ID --event ID [--data DIR] [--json]
  programme matches --programme ID [--decision pending|confirmed|rejected]
               | merge|unmerge|reject --a PARTICIPANT --b PARTICIPANT [--data DIR] [--json]
                                         People who may be one person across a programme's events
  report (--event ID | --programme ID) [--json] [--format xlsx|pdf --out FILE [--language en|fr|es|ru|ar]] [--data DIR]
                                         Report figures (keys: README, "Reports"), or the report as a file
  participant erase --person ID [--data DIR] [--json]
                                         Erases one person's personal data (kept: what the reports count)
  retention run|status [--data DIR] [--json]
                                         Erases people whose events' retention has passed, or shows each event's
                                         period (event create --retention-days N|keep; default 365)

--data DIR is the folder holding muster.sqlite; by default the desktop app's own data folder.
The data is encrypted: its administrator passphrase comes from MUSTER_PASSPHRASE, or for serve and hub from
--data-passphrase-file F (README, "Encryption at rest").`;

const commands: Record<string, (args: string[]) => Promise<void>> = {
  serve: serveCommand,
  event: eventCommand,
  participant: participantCommand,
  checkin: checkinCommand,
  import: importCommand,
  export: exportCommand,
  badges: badgesCommand,
  'verify-code': verifyCodeCommand,
  backup: backupCommand,
  sync: syncCommand,
  hub: hubCommand,
  programme: programmeCommand,
  report: reportCommand,
  retention: retentionCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${help}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) return fail(`Unknown command ${JSON.stringify(name)}. Run "muster help".`, 2);
  try {
    await command(args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message, 2);
    // parseArgs reports unknown or malformed options with these codes.
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      return fail(error.message, 2);
    }
    if (error instanceof CommandError || error instanceof StoreError) return fail(error.message, 1);
    return fail(`Unexpected failure: ${(error as Error).message}`, 1);
  }
}

function fail(message: string, code: number): number {
  process.stderr.write(`muster: ${message.split('\n')[0]}\n`);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    // serve and hub keep running; every other command ends here.
    if (code !== 0 || (process.argv[2] !== 'serve' && process.argv[2] !== 'hub')) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`muster: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
