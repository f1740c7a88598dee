import { cardsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../../platform/http/route.ts';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import {
  decideApplication,
  findApplicationsByPhone,
  getApplication,
  submitApplication,
} from '../applications/application.service.ts';
import { addProductVersion, createProduct, listProducts } from './product.service.ts';

/** The product catalogue (admin-edited, versioned) and card applications. */
export const catalogRoutes: ModuleRoutes = async (app) => {
  handle(app, api.listProducts, async (request) => listProducts(request.ctx));
  handle(app, api.createProduct, async (request) => ({ id: await createProduct(request.ctx, request.body) }));
  handle(app, api.addProductVersion, async (request) =>
    addProductVersion(request.ctx, { productId: request.params.id, ...request.body }),
  );

  handle(app, api.submitApplication, async (request) => submitApplication(request.ctx, request.body));
  handle(app, api.searchApplications, async (request) => findApplicationsByPhone(request.ctx, request.body.phone));
  handle(app, api.application, async (request) => getApplication(request.ctx, request.params.id));
  handle(app, api.decideApplication, async (request) =>
    decideApplication(request.ctx, { id: request.params.id, ...request.body }),
  );
};
