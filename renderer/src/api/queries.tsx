/**
 * Server state for the renderer: every answer of the IPC contract is cached by TanStack Query
 * under the key [domain, method, input], and invalidated by key when something changes it (a
 * save invalidates the saved-items list; a data change event invalidates what reads data). The
 * client is injected through context, so hooks and components are tested with a fake one.
 */
import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import type { MeshworkApi } from '../../../shared/ipc/contract';
import { api as defaultApi } from './client';

type Domain = keyof MeshworkApi;
type Method<D extends Domain> = keyof MeshworkApi[D] & string;
type Call<D extends Domain, M extends Method<D>> = MeshworkApi[D][M] extends (input: infer I) => Promise<infer O> ? { input: I; output: O } : never;

export type QueryKey = readonly [string, string, unknown?];

const ApiContext = createContext<MeshworkApi>(defaultApi);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Answers come from the local engine: cheap to recompute, but a screen should not refetch on
      // every focus. Errors are shown by the screen, not retried behind the user's back.
      queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export function ApiProvider({ client, queryClient, children }: { client?: MeshworkApi; queryClient: QueryClient; children: ReactNode }) {
  return (
    <ApiContext.Provider value={client ?? defaultApi}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiContext.Provider>
  );
}

export function useApi(): MeshworkApi {
  return useContext(ApiContext);
}

export function apiKey<D extends Domain, M extends Method<D>>(domain: D, method: M, input?: Call<D, M>['input']): QueryKey {
  return input === undefined ? [domain, method] : [domain, method, input];
}

/** One contract call as a query: cached by [domain, method, input]; `enabled: false` while the input is incomplete. */
export function useApiQuery<D extends Domain, M extends Method<D>>(
  domain: D,
  method: M,
  input: Call<D, M>['input'],
  options: Omit<UseQueryOptions<Call<D, M>['output'], Error>, 'queryKey' | 'queryFn'> = {},
) {
  const client = useApi();
  return useQuery<Call<D, M>['output'], Error>({
    queryKey: apiKey(domain, method, input),
    queryFn: () => (client[domain][method] as (i: unknown) => Promise<Call<D, M>['output']>)(input),
    ...options,
  });
}

/** One contract call as a mutation that invalidates the given keys (prefixes) when it succeeds. */
export function useApiMutation<D extends Domain, M extends Method<D>>(domain: D, method: M, invalidates: readonly QueryKey[] = []) {
  const client = useApi();
  const queryClient = useQueryClient();
  return useMutation<Call<D, M>['output'], Error, Call<D, M>['input']>({
    mutationFn: (input) => (client[domain][method] as (i: unknown) => Promise<Call<D, M>['output']>)(input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
