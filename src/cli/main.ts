import { Command } from 'commander';
import { QualifyError } from '../errors.ts';
import { runCheck } from './commands/check.ts';
import { runServe } from './commands/serve.ts';
import { runTerms } from './commands/terms.ts';

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

try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof QualifyError)) throw error;
  process.stderr.write(`qualify: ${error.message}\n`);
  process.exitCode = 2;
}
