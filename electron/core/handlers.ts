import type { Handlers } from './api/handler';
import { accessHandlers } from './access/handlers';
import { auditHandlers } from './audit/handlers';
import { backupHandlers } from './backups/handlers';
import { badgeHandlers } from './badges/handlers';
import { checkinHandlers } from './checkin/handlers';
import { erasureHandlers } from './erasure/handlers';
import { eventHandlers } from './events/handlers';
import { exportHandlers } from './exports/handlers';
import { feedbackHandlers } from './feedback/handlers';
import { importHandlers } from './imports/handlers';
import { kioskHandlers } from './kiosk/handlers';
import { participantHandlers } from './participants/handlers';
import { syncHandlers } from './sync/handlers';
import { hubLinkHandlers } from './sync/hub-link-handlers';
import { reportHandlers } from './reports/handlers';
import { systemHandlers } from './system/handlers';
import { storeHandlers } from './system/store-handlers';

/** Every contract method's handler; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...backupHandlers,
  ...systemHandlers,
  ...eventHandlers,
  ...participantHandlers,
  ...checkinHandlers,
  ...importHandlers,
  ...exportHandlers,
  ...badgeHandlers,
  ...kioskHandlers,
  ...syncHandlers,
  ...reportHandlers,
  ...erasureHandlers,
  ...hubLinkHandlers,
  ...feedbackHandlers,
  ...accessHandlers,
  ...auditHandlers,
  ...storeHandlers,
};
