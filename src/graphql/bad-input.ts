import { GraphQLError } from 'graphql';

/** A BAD_USER_INPUT error with a message a person can act on, naming the offending argument. */
export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
}
