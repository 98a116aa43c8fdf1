/** Counters the database maintains for the instance's statistics (summed over slots). */
export interface InstanceCountersTable {
  name: string;
  slot: number;
  value: string;
}
