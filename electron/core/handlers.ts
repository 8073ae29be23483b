import type { Handlers } from './api/handler';
import { eventHandlers } from './events/handlers';
import { systemHandlers } from './system/handlers';

/** Every contract method's handler; the type makes a missing one a compile error. */
export const handlers: Handlers = { ...systemHandlers, ...eventHandlers };
