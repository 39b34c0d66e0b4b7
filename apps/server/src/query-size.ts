import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from './connection.ts';

/** A list field that takes no `first` (speakers, roles, histories) is assumed to be this long. */
const SMALL_LIST_LENGTH = 5;

/**
 * An upper estimate of how many values a query can produce, multiplying through page sizes:
 * `people(first: 20) { … quotes(first: 20) { … } }` is 400 quotes. graphql-armor's cost limit
 * weighs depth and breadth but cannot see `first`, so a shallow query over nested connections
 * would pass it and still fan out to hundreds of thousands of rows.
 */
export function estimateResultSize(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
    if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName)
    ) {
      operation ??= definition;
    }
  }
  const root =
    operation?.operation === 'mutation'
      ? schema.getMutationType()
      : operation?.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!operation || !root) return 0;

  const argumentValue = (node: ValueNode): unknown => {
    if (node.kind === Kind.VARIABLE) return variables?.[node.name.value];
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.LIST) return node.values;
    return undefined;
  };

  const visiting = new Set<string>();
  const walk = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    times: number,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment =
          selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue;
        // A fragment that spreads itself is invalid and rejected by validation; never loop on it.
        const key = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : null;
        if (key && visiting.has(key)) continue;
        if (key) visiting.add(key);
        const condition = fragment.typeCondition
          ? schema.getType(fragment.typeCondition.name.value)
          : type;
        if (condition && isCompositeType(condition)) {
          total += walk(fragment.selectionSet, condition, times);
        }
        if (key) visiting.delete(key);
        continue;
      }
      total += times;
      if (!selection.selectionSet) continue;
      const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
      const field = fields[selection.name.value];
      if (!field) continue;
      let length = 1;
      const first = selection.arguments?.find((argument) => argument.name.value === 'first');
      const ids = selection.arguments?.find((argument) => argument.name.value === 'ids');
      if (field.args.some((argument) => argument.name === 'first')) {
        const value = first ? argumentValue(first.value) : undefined;
        length = typeof value === 'number' ? value : DEFAULT_PAGE_SIZE;
      } else if (ids) {
        const value = argumentValue(ids.value);
        length = Array.isArray(value) ? value.length : SMALL_LIST_LENGTH;
      } else if (isListType(getNullableType(field.type)) && selection.name.value !== 'edges') {
        length = SMALL_LIST_LENGTH;
      }
      const named = getNamedType(field.type);
      if (isCompositeType(named)) total += walk(selection.selectionSet, named, times * length);
    }
    return total;
  };
  return walk(operation.selectionSet, root, 1);
}
