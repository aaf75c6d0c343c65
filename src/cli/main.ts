import { Command } from 'commander';
import { QualifyError } from '../errors.ts';
import { runCheck } from './commands/check.ts';

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

try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof QualifyError)) throw error;
  process.stderr.write(`qualify: ${error.message}\n`);
  process.exitCode = 2;
}
