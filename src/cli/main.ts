import { setFlagsFromString } from 'node:v8';
import { Command } from 'commander';
import { commanderMessage, exitFor } from './exit.ts';

// Exit status (docs/batch.md): 0 all done; 1 some records, profiles or cases failed; 2 a usage
// error, unreadable input, unknown class, invalid option or rule file; 3 an internal error. No stack
// trace reaches a user: `qualify: <message>`, the stack only with QUALIFY_DEBUG=1.
const debug = Boolean(process.env.QUALIFY_DEBUG);
function fail(error: unknown): void {
  const { status, message } = exitFor(error, debug);
  if (message !== null) process.stderr.write(`${message}\n`);
  process.exitCode = status;
}
// An error outside the command's promise (a stream's, a timer's) ends the run the same way.
process.on('uncaughtException', (error) => {
  fail(error);
  process.exit();
});
process.on('unhandledRejection', (error) => {
  fail(error);
  process.exit();
});

// A reader that stops early (`qualify check … | head`) is not an error: stop writing, quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Each command loads its own modules when it runs (the build splits them into chunks): `qualify
// check` does not wait for the HTTP server, the database or the CSV reader to load.

// Set before any command is added, so that every command inherits them: Commander's own errors
// (unknown option, missing argument) are thrown to the handler below and exit 2.
const program = new Command()
  .name('qualify')
  .description('Decide whether candidates meet a job class\'s minimum qualifications, and explain why.')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(commanderMessage(text)) })
  .exitOverride();

program
  .command('check')
  .description('evaluate profiles (JSON, JSON array or JSON Lines; - for stdin) and print one JSON line per profile and class')
  .option('-c, --class <ids>', 'class id, or several separated by commas (default: every class, ranked)')
  .option('--as-of <date>', 'evaluation date YYYY-MM-DD (default: today)')
  .option('--rules <dir>', 'folder of rule files to decide with, such as a working copy (default: the bundled rules/)')
  .argument('<file>', 'profile file, or - for standard input')
  .action(async (file: string, options: { class?: string; asOf?: string; rules?: string }) => {
    // A check is short and every decision runs the same engine code, so the optimising compiler's
    // time counts: each thread spends seconds compiling it. A smaller inlining budget halves that
    // time with the same speed once warm: 2,000 profiles take about 14% less time, 50,000 about
    // 12% less. (The server loses speed with it and `score` gains nothing: there it stays off.)
    setFlagsFromString('--max-inlined-bytecode-size-cumulative=150');
    const { runCheck } = await import('./commands/check.ts');
    process.exitCode = await runCheck(file, options, (bytes) => process.stdout.write(bytes), (line) => process.stderr.write(`${line}\n`));
  });

program
  .command('terms')
  .description('list each criterion\'s evidence terms beside terms proposed from its text, as YAML to edit into the rule file')
  .option('-c, --class <ids>', 'class id, or several separated by commas (default: every class)')
  .option('--rules <dir>', 'folder of rule files, such as a working copy (default: the bundled rules/)')
  .action(async (options: { class?: string; rules?: string }) => {
    const { runTerms } = await import('./commands/terms.ts');
    runTerms(options.class?.split(',').map((c) => c.trim()), (text) => process.stdout.write(text), options.rules);
  });

program
  .command('serve')
  .description('start the HTTP service (API, OpenAPI at /openapi.json, docs at /docs)')
  .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
  .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
  .option('--rules <dir>', 'folder of rule files to serve (default: the bundled rules/)')
  .action(async (options: { port?: string; host?: string; rules?: string }) => {
    const { runServe } = await import('./commands/serve.ts');
    await runServe(options);
  });

program
  .command('score')
  .description('score an applicant CSV: one record per applicant, in input order (CSV or JSON Lines)')
  .requiredOption('-c, --class <ids>', 'class id, or several separated by commas (columns per class)')
  .option('--as-of <date>', 'evaluation date YYYY-MM-DD (default: today)')
  .option('--format <format>', 'csv or jsonl (default: csv, or jsonl for an -o ending in .jsonl)')
  .option('-o, --output <file>', 'write here instead of standard output')
  .option('--map <file>', 'YAML column map renaming another export\'s columns onto ours')
  .option('--layout <layout>', 'wide (one row per applicant) or long (consecutive rows with the same id)', 'wide')
  .option('--workers <n>', 'worker threads (default: every core; 1 scores in one thread)')
  .option('--report <file>', 'write a summary report, .json or .html')
  .option('--group-by <column>', 'voluntary self-identification column: selection rates and four-fifths ratios in the report')
  .option('--ignore <names>', 'header names not to read, separated by commas (any other column qualify does not know stops the run)')
  .option('--rules <dir>', 'folder of rule files to score with, such as a working copy (default: the bundled rules/)')
  .argument('<file>', 'applicant CSV')
  .action(async (file: string, options) => {
    const { runScore } = await import('./commands/score.ts');
    process.exitCode = await runScore(file, options);
  });

program
  .command('map')
  .description('write a starting column map (YAML, for --map) for another export, from its header and first rows, to check before use')
  .requiredOption('--suggest <file>', 'the applicant CSV export to suggest a map for')
  .option('-o, --output <file>', 'write the map here (never over an existing file) instead of standard output')
  .action(async (options: { suggest: string; output?: string }) => {
    const { runMap } = await import('./commands/map.ts');
    process.exitCode = runMap(options, (text) => process.stdout.write(text), (line) => process.stderr.write(`${line}\n`));
  });

program
  .command('cases')
  .description('run the rule test cases (<class>.cases.yaml) and show why any case fails')
  .option('-c, --class <ids>', 'class id, or several separated by commas (default: every class with a case file)')
  .option('--rules <dir>', 'folder of rule and case files (default: the bundled rules/)')
  .action(async (options: { class?: string; rules?: string }) => {
    const { runCases } = await import('./commands/cases.ts');
    process.exitCode = runCases(options, (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`));
  });

program
  .command('generate')
  .description('write a synthetic applicant CSV, with a share of bad rows')
  .requiredOption('--rows <n>', 'number of applicants')
  .option('--bad-share <share>', 'share of bad rows, 0 to 1', '0.02')
  .option('--seed <n>', 'random seed', '1')
  .option('-o, --output <file>', 'write here instead of standard output')
  .action(async (options) => {
    const { runGenerate } = await import('./commands/generate.ts');
    await runGenerate(options);
  });

program
  .command('rerate')
  .description('re-evaluate every applicant of an opening under the rules now and list whose status changes and why (DATABASE_URL or QUALIFY_DATA_DIR)')
  .requiredOption('--opening <id>', 'the opening to re-rate')
  .option('--accept', 'record the new decisions (without it nothing is written)')
  .option('--rules <dir>', 'folder of rule files (default: the bundled rules/)')
  .option('--by <name>', 'who re-rates, for the record (default: the user running the command)')
  .option('--json', 'print the result as one JSON object')
  .action(async (options: { opening: string; accept?: boolean; rules?: string; by?: string; json?: boolean }) => {
    const { runRerate } = await import('./commands/rerate.ts');
    process.exitCode = await runRerate(options, (line) => process.stdout.write(`${line}\n`));
  });

program
  .command('extract')
  .description('read a pasted plain-text résumé into a profile (JSON) for a person to confirm; unread lines on stderr')
  .argument('<file>', 'résumé text file, or - for standard input')
  .action(async (file: string) => {
    const { runExtract } = await import('./commands/extract.ts');
    runExtract(file, (text) => process.stdout.write(text), (text) => process.stderr.write(text));
  });

try {
  await program.parseAsync();
} catch (error) {
  fail(error);
}
