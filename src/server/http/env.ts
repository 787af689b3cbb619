import type { Logger } from 'pino';
import type { Principal, ServiceCtx } from '../../services/context.js';
import type { Store } from '../../store/database.js';

/** Variables the middleware sets on each request, typed for `c.get(...)`. */
export type AppEnv = {
  Variables: {
    requestId: string;
    logger: Logger;
    store: Store;
    /** Set by the auth middleware on authenticated routes. */
    principal: Principal;
    ctx: ServiceCtx;
  };
};
