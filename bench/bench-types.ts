/** One line of the benchmark table. `naiveSeconds` is the reference query for the same answer. */
export interface BenchRow {
  name: string;
  seconds: number;
  /** CPU time of the process meanwhile (user + system, DuckDB's threads included). */
  cpuSeconds?: number;
  naiveSeconds?: number;
  note?: string;
}

/** What a bench section runs: the naive references (and repeats) only where they are affordable. */
export interface BenchScope {
  /** Time the naive reference SQL beside the engine (skipped at 5M customers: minutes each). */
  naive: boolean;
  /** Timed runs per figure after the warm-up (median); 1 at 5M customers. */
  runs: number;
}
