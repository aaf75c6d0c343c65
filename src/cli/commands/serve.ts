import { QualifyError } from '../../errors.ts';
import { serve } from '../../api/server.ts';

export async function runServe(options: { port?: string; host?: string; rules?: string }): Promise<void> {
  const port = Number(options.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new QualifyError('QUAL_ERR_INVALID_OPTION', `port "${options.port}" is not a port number 0–65535`);
  }
  await serve({ port, host: options.host ?? process.env.HOST ?? '127.0.0.1', ...(options.rules === undefined ? {} : { rules: options.rules }) });
}
