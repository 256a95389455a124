import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { type DocumentNode, type ExecutionResult, getVariableValues, GraphQLError, type GraphQLSchema, isAbstractType } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Context } from './context';

/**
 * Executes operations with graphql-jit instead of graphql-js: each operation is compiled once
 * into a function specialised to its selection set, and every later request with the same
 * document runs that function. Apollo still parses, validates, costs and caches the document
 * (its document store hands back the same DocumentNode), and still formats the result; only
 * the execution step changes, plugged in through Apollo's gateway interface.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  // type-graphql wraps `resolveType` in an async function, which graphql-jit does not await.
  // Every abstract type here (`Node`) resolves to the name of the entity's class.
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type)) type.resolveType = (value: object) => value.constructor.name;
  }
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  const compile = (document: DocumentNode, operationName: string | undefined) => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    let query = byOperation.get(operationName ?? '');
    if (!query) {
      query = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      byOperation.set(operationName ?? '', query);
    }
    return query;
  };
  const executor: GatewayExecutor = async (requestContext) => {
    const query = compile(requestContext.document, requestContext.operationName ?? undefined);
    // Variables are coerced by graphql-js, whose rules are the specification's (graphql-jit
    // misses an input field's default value when the field is non-null); a bad value gets the
    // error graphql-js gives, which Apollo answers 400 BAD_USER_INPUT.
    const variables = getVariableValues(schema, requestContext.operation.variableDefinitions ?? [], requestContext.request.variables ?? {});
    if (variables.errors) return { errors: variables.errors } as Awaited<ReturnType<GatewayExecutor>>;
    const result = isCompiledQuery(query)
      ? await query.query(undefined, requestContext.context as unknown as Context, variables.coerced)
      : query;
    if (result.errors) (result as { errors: GraphQLError[] }).errors = result.errors.map(asGraphQLError);
    return result as Awaited<ReturnType<GatewayExecutor>>;
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * graphql-jit reports errors with its own error type, whose `extensions` is missing when the
 * thrown error had none, and Apollo's error formatting reads it. The same error as graphql-js
 * makes it: same message, path, locations and cause.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  // graphql-jit's type inherits from graphql-js's, so `instanceof` cannot tell them apart; a
  // graphql-js error always has an `extensions` object.
  if (error.extensions) return error;
  const converted = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined });
  if (error.locations) Object.assign(converted, { locations: error.locations });
  return converted;
}
