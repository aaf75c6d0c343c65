import { Command } from 'commander';
import { QualifyError } from '../errors.ts';
import { runCases } from './commands/cases.ts';
import { runCheck } from './commands/check.ts';
import { runExtract } from './commands/extract.ts';
import { runGenerate } from './commands/generate.ts';
import { runScore } from './commands/score.ts';
import { runServe } from './commands/serve.ts';
import { runTerms } from './commands/terms.ts';

// A reader that stops early (`qualify check … | head`) is not an error: stop writing, quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const program = new Command()
  .name('qualify')
  .description('Decide whether candidates meet a job class\'s minimum qualifications, and explain why.')
  .showHelpAfterError();

program
  .command('check')
  .description('evaluate profiles (JSON, JSON array or JSON Lines; - for stdin) and print one JSON line per profile and class')
  .option('-c, --class <ids>', 'class id, or several separated by commas (default: every class, ranked)')
  .option('--as-of <date>', 'evaluation date YYYY-MM-DD (default: today)')
  .argument('<file>', 'profile file, or - for standard input')
  .action((file: string, options: { class?: string; asOf?: string }) => {
    process.exitCode = runCheck(file, options, (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`));
  });

program
  .command('terms')
  .description('list each criterion\'s evidence terms beside terms proposed from its text, as YAML to edit into the rule file')
  .option('-c, --class <ids>', 'class id, or several separated by commas (default: every class)')
  .action((options: { class?: string }) => {
    runTerms(options.class?.split(',').map((c) => c.trim()), (text) => process.stdout.write(text));
  });

program
  .command('serve')
  .description('start the HTTP service (API, OpenAPI at /openapi.json, docs at /docs)')
  .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
  .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
  .action(async (options: { port?: string; host?: string }) => {
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
  .argument('<file>', 'applicant CSV')
  .action(async (file: string, options) => {
    process.exitCode = await runScore(file, options);
  });

program
  .command('cases')
  .description('run the rule test cases (<class>.cases.yaml) and show why any case fails')
  .option('-c, --class <ids>', 'class id, or several separated by commas (default: every class with a case file)')
  .option('--rules <dir>', 'folder of rule and case files (default: the bundled rules/)')
  .action((options: { class?: string; rules?: string }) => {
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
    await runGenerate(options);
  });

program
  .command('extract')
  .description('read a pasted plain-text résumé into a profile (JSON) for a person to confirm; unread lines on stderr')
  .argument('<file>', 'résumé text file, or - for standard input')
  .action((file: string) => {
    runExtract(file, (text) => process.stdout.write(text), (text) => process.stderr.write(text));
  });

try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof QualifyError)) throw error;
  process.stderr.write(`qualify: ${error.message}\n`);
  process.exitCode = 2;
}
