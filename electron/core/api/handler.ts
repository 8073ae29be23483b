import type { z } from 'zod';
import type { Context } from '../context';
import type { Contract, MethodName } from './contract';

type Answer<M extends MethodName> = z.input<Contract[M]['output']>;

/**
 * A handler gets input already validated by its schema. Queries and mutations run synchronously (a mutation inside
 * the dispatch transaction, which must never span an await); a task answers with a promise and opens no transaction.
 */
export type Handler<M extends MethodName> = (
  ctx: Context,
  input: z.output<Contract[M]['input']>,
) => Contract[M]['kind'] extends 'task' ? Promise<Answer<M>> : Answer<M>;

export type Handlers = { [M in MethodName]: Handler<M> };
