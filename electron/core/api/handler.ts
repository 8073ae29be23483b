import type { z } from 'zod';
import type { Context } from '../context';
import type { Contract, MethodName } from './contract';

/** A handler gets input already validated by its schema, and runs synchronously inside the dispatch transaction. */
export type Handler<M extends MethodName> = (
  ctx: Context,
  input: z.output<Contract[M]['input']>,
) => z.input<Contract[M]['output']>;

export type Handlers = { [M in MethodName]: Handler<M> };
