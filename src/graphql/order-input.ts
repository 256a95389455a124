import { Field, InputType } from 'type-graphql';
import { OrderDirection } from './order-direction.enum';

/** The `orderBy` input of a list: `{ field, direction }`, with the list's own field enum. */
export function orderInput<F extends string>(fieldEnum: object, name: string, things: string) {
  @InputType(name, { description: `Ordering of a list of ${things}.` })
  class Order {
    @Field(() => fieldEnum, { description: 'The field to order by.' })
    field: F;

    @Field(() => OrderDirection, { description: 'The direction.' })
    direction: OrderDirection;
  }
  return Order;
}
