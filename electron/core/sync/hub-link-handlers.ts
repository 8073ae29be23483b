import type { Handlers } from '../api/handler';
import { hubState, joinHub, leaveHub, waitingLinks } from './hub-link';

export const hubLinkHandlers = {
  'sync.hub.join': (ctx, input) => joinHub(ctx, input),
  'sync.hub.leave': (ctx, input) => leaveHub(ctx, input.eventId),
  'sync.hub.state': (ctx, input) => hubState(ctx, input.eventId),
  'sync.hub.waiting': (ctx) => waitingLinks(ctx),
} satisfies Partial<Handlers>;
