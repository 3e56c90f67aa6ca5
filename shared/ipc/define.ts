import type { z } from 'zod';

/**
 * One call of the IPC contract: its input and output schemas. Both sides parse with
 * them: main parses inputs (the renderer is untrusted), the renderer parses outputs.
 */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One line for docs and error messages. */
  summary: string;
}

export function call<I extends z.ZodType, O extends z.ZodType>(summary: string, input: I, output: O): CallDef<I, O> {
  return { input, output, summary };
}

export type DomainDef = Record<string, CallDef>;
export type ContractDef = Record<string, DomainDef>;

/** The handler map main implements: one async function per call, typed from the schemas. */
export type HandlersOf<C extends ContractDef> = {
  [D in keyof C]: {
    [M in keyof C[D]]: (input: z.output<C[D][M]['input']>) => Promise<z.input<C[D][M]['output']>>;
  };
};

/** The client the renderer sees: the same names, outputs already parsed. */
export type ClientOf<C extends ContractDef> = {
  [D in keyof C]: {
    [M in keyof C[D]]: (input: z.input<C[D][M]['input']>) => Promise<z.output<C[D][M]['output']>>;
  };
};

/** Channel name shared by ipcMain, the preload and the browser host's HTTP routes. */
export function channelOf(domain: string, method: string): string {
  return `${domain}.${method}`;
}
