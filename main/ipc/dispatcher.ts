import { contract, type Handlers } from '../../shared/ipc/contract';
import type { CallDef } from '../../shared/ipc/define';
import { AppError, toAppError, type AppErrorBody } from '../../shared/ipc/errors';

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: AppErrorBody };

/**
 * The one entry for every call, whatever the transport (ipcMain or HTTP): find the call
 * in the contract, parse the input with its schema, run the handler, parse the output.
 * Unknown calls and bad input never reach a handler.
 */
export function createDispatcher(handlers: Handlers) {
  return async function dispatch(domain: string, method: string, rawInput: unknown): Promise<DispatchResult> {
    try {
      const def = lookup(domain, method);
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = issue ? issue.path.join('.') : '';
        throw new AppError(
          'invalid_input',
          `${domain}.${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`,
          path,
        );
      }
      const domainHandlers = handlers[domain as keyof Handlers] as Record<string, (input: unknown) => Promise<unknown>>;
      const value = await domainHandlers[method]!(parsed.data);
      return { ok: true, value: def.output.parse(value) };
    } catch (error) {
      return { ok: false, error: toAppError(error).toBody() };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

function lookup(domain: string, method: string): CallDef {
  const calls = Object.prototype.hasOwnProperty.call(contract, domain) ? (contract as Record<string, Record<string, CallDef>>)[domain] : undefined;
  const def = calls && Object.prototype.hasOwnProperty.call(calls, method) ? calls[method] : undefined;
  if (!def) throw new AppError('unknown_call', `There is no call named ${domain}.${method}.`);
  return def;
}

/** Every (domain, method) pair, for registering ipcMain channels and HTTP routes. */
export function contractCalls(): Array<{ domain: string; method: string }> {
  return Object.entries(contract).flatMap(([domain, calls]) => Object.keys(calls).map((method) => ({ domain, method })));
}
