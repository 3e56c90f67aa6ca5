/** One line of the benchmark table. `naiveSeconds` is the reference query for the same answer. */
export interface BenchRow {
  name: string;
  seconds: number;
  naiveSeconds?: number;
  note?: string;
}
