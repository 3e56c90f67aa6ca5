import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { activationSchema } from '../../shared/mesh-api';
import { deliverWithRetry } from '../mesh/backoff';
import { MeshError } from '../mesh/mesh-error';
import { meshJson } from '../mesh/mesh-http';
import { meshUrlSchema, parseOptions, tokenSchema } from './cli-args';
import { printError, type CliCommand } from './cli-io';

const HELP = `Usage: meshwork activate --mesh <url> --token <token> --audience <id> --version <n> [--wait <seconds>]

Sends one activation of an approved audience version. Network errors, 5xx and 429 are retried
with the same Idempotency-Key, so one invocation never causes two activations. Waits (default
60 s) until the activation has succeeded or failed and prints the mesh's final activation JSON;
--wait 0 prints the mesh's first answer. Failures exit 4 with {"error":{code,message}} on stderr.
`;

const schema = z.object({
  mesh: meshUrlSchema,
  token: tokenSchema,
  audience: z.string({ error: 'is required: the audience id' }).min(1),
  version: z.coerce.number({ error: 'is required: the audience version number' }).int('must be a whole number').positive('must be 1 or more'),
  wait: z.coerce.number().min(0).max(3600).default(60),
});

const TERMINAL = new Set(['succeeded', 'failed']);

export const activateCommand: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const parsed = parseOptions(args, ['mesh', 'token', 'audience', 'version', 'wait'], schema);
  if (!parsed.ok) {
    printError(io, { code: 'invalid_arguments', message: `${parsed.message}\n${HELP}`, path: parsed.path });
    return 2;
  }
  const { mesh, token, audience, version, wait } = parsed.value;
  const endpoint = { url: mesh, token };
  // One key for the whole invocation: a resend after a lost answer is the same activation.
  const idempotencyKey = randomUUID();
  try {
    let activation = await deliverWithRetry(() =>
      meshJson(endpoint, '/v1/activations', activationSchema, { method: 'POST', body: { audience_id: audience, version }, idempotencyKey }),
    );
    const deadline = Date.now() + wait * 1000;
    while (wait > 0 && !TERMINAL.has(activation.status) && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 250));
      activation = await deliverWithRetry(() => meshJson(endpoint, `/v1/activations/${encodeURIComponent(activation.id)}`, activationSchema));
    }
    io.stdout(`${JSON.stringify(activation)}\n`);
    return 0;
  } catch (error) {
    const e = error instanceof MeshError ? error : new MeshError(null, 'activation_failed', error instanceof Error ? error.message : String(error), false);
    printError(io, { code: e.code, message: e.message });
    return 4;
  }
};
