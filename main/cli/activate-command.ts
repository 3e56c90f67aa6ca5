import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { activationSchema, type Activation } from '../../shared/mesh-api';
import { deliverWithRetry } from '../mesh/backoff';
import { ConsentWithdrawnError, consentWithdrawnMessage } from '../mesh/consent-refusal';
import { MeshError } from '../mesh/mesh-error';
import { meshJson } from '../mesh/mesh-http';
import { meshUrlSchema, parseOptions } from './cli-args';
import { printError, redactForCli, type CliCommand } from './cli-io';
import { resolveToken, TOKEN_HELP } from './token-source';

const HELP = `Usage: meshwork activate --mesh <url> (--token <token> | --token-file <path>) --audience <id> --version <n> [--wait <seconds>]

Sends one activation of an approved audience version. Network errors, 5xx and 429 are retried
(6 attempts, about 15-30 s of backoff) with the same Idempotency-Key, so one invocation never
causes two activations. Waits (default
60 s) until the activation has succeeded or failed and prints the mesh's final activation JSON;
--wait 0 prints the mesh's first answer. Failures exit 4 with {"error":{code,message}} on stderr.
${TOKEN_HELP}
`;

const schema = z.object({
  mesh: meshUrlSchema,
  token: z.string().optional(),
  'token-file': z.string().min(1, 'must name a file').optional(),
  audience: z.string({ error: 'is required: the audience id' }).min(1),
  version: z
    .string({ error: 'is required: the audience version number, e.g. 1' })
    .regex(/^[1-9]\d*$/, 'must be a whole number of 1 or more, e.g. 1')
    .transform(Number),
  wait: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of seconds, e.g. 60 (0 prints the first answer)')
    .transform(Number)
    .refine((n) => n <= 3600, 'must be at most 3600 seconds')
    .default(60),
});

const TERMINAL = new Set(['succeeded', 'failed']);

const CLI_NEXT_STEP =
  'meshwork activate sends the approved list as it is: refresh Customer 360 in Meshwork and activate there (it leaves them out), or rebuild the audience.';

/** About 15-30 s of backoff in all: long enough for a mesh restart, short enough for a script. */
const SEND_ATTEMPTS = 6;

export const activateCommand: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const parsed = parseOptions(args, ['mesh', 'token', 'token-file', 'audience', 'version', 'wait'], schema);
  if (!parsed.ok) {
    printError(io, { code: 'invalid_arguments', message: `${parsed.message}\n${HELP}`, path: parsed.path });
    return 2;
  }
  const resolved = await resolveToken({ token: parsed.value.token, tokenFile: parsed.value['token-file'] }, io.env ?? process.env);
  if (!resolved.ok) {
    printError(io, { code: resolved.code, message: `${resolved.message}\n${HELP}`, path: resolved.path });
    return 2;
  }
  const token = resolved.token;
  const { mesh, audience, version, wait } = parsed.value;
  const endpoint = { url: mesh, token };
  // One key for the whole invocation: a resend after a lost answer is the same activation.
  const idempotencyKey = randomUUID();
  const note = (text: string) => {
    if (process.stderr.isTTY) process.stderr.write(`${redactForCli(text)}\n`);
  };
  let activation: Activation;
  try {
    activation = await deliverWithRetry(
      () => meshJson(endpoint, '/v1/activations', activationSchema, { method: 'POST', body: { audience_id: audience, version }, idempotencyKey }),
      {
        maxAttempts: SEND_ATTEMPTS,
        onRetry: (e, attempt, waitMs) =>
          note(`${e.message} Retrying in ${Math.round(waitMs / 100) / 10} s (attempt ${attempt + 1} of ${SEND_ATTEMPTS}, same Idempotency-Key).`),
      },
    );
  } catch (error) {
    const e = error instanceof MeshError ? error : new MeshError(null, 'activation_failed', error instanceof Error ? error.message : String(error), false);
    // The CLI sends the approved list as it is; only the app re-checks it against a fresh pull.
    const message = error instanceof ConsentWithdrawnError ? consentWithdrawnMessage(error.count, error.purpose, CLI_NEXT_STEP) : e.message;
    printError(io, { code: e.code, message });
    return 4;
  }
  // The activation exists from here on: a failure while watching it must not read as "not
  // activated" (a rerun would activate twice), so the last answer is printed either way.
  const deadline = Date.now() + wait * 1000;
  try {
    while (wait > 0 && !TERMINAL.has(activation.status) && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 250));
      const id = activation.id;
      activation = await deliverWithRetry(() => meshJson(endpoint, `/v1/activations/${encodeURIComponent(id)}`, activationSchema), { maxAttempts: 4 });
    }
  } catch (error) {
    note(`Activation ${activation.id} was accepted, but following its sync failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  io.stdout(`${JSON.stringify(activation)}\n`);
  return 0;
};
