import { Field, InterfaceType } from 'type-graphql';

/** What every point of a time series has: its calendar period. */
@InterfaceType({ description: 'A point of a time series: one calendar period.' })
export abstract class PeriodPoint {
  @Field({ description: 'The period, e.g. `2024`, `2024-Q2` or `2024-04`.' })
  period: string;

  @Field({ description: 'First day of the period, `YYYY-MM-DD`.' })
  start: string;
}
