import { calendarDateSchema, cardApplicationSchema, cardProductSchema, fenSchema } from '@carddesk/contracts';
import { z } from 'zod';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import {
  decideApplication,
  findApplicationsByPhone,
  getApplication,
  submitApplication,
} from '../applications/application.service.ts';
import { addProductVersion, createProduct, createProductSchema, listProducts } from '../catalog/product.service.ts';
import { idParams } from './schemas.ts';

/** The product catalogue (admin-edited, versioned) and card applications. */
export const catalogRoutes: ModuleRoutes = async (app) => {
  app.get(
    '/api/products',
    {
      schema: {
        tags: ['products'],
        summary: 'Card products with the terms in force and scheduled versions',
        response: { 200: z.array(cardProductSchema) },
      },
    },
    async (request) => listProducts(request.ctx),
  );
  app.post(
    '/api/products',
    {
      schema: {
        tags: ['products'],
        summary: 'Create a product (admin)',
        body: createProductSchema,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createProduct(request.ctx, request.body) }),
  );
  app.post(
    '/api/products/:id/versions',
    {
      schema: {
        tags: ['products'],
        summary: 'Schedule a new version of a product’s terms (admin)',
        params: idParams,
        body: z.object({ effectiveFrom: calendarDateSchema, terms: z.record(z.string(), z.unknown()) }),
        response: {
          201: z.object({
            version: z.number().int(),
            effectiveFrom: z.string(),
            terms: z.record(z.string(), z.unknown()),
          }),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addProductVersion(request.ctx, { productId: request.params.id, ...request.body })),
  );

  app.post(
    '/api/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'Card application intake',
        body: z.object({
          productCode: z.string().min(1).max(20),
          name: z.string().trim().min(1).max(40),
          idNumber: z.string().min(18).max(18),
          phone: z.string().min(11).max(20),
          address: z.string().trim().min(4).max(200),
          annualIncomeFen: fenSchema.min(0),
          requestedLimitFen: fenSchema.positive(),
          channel: z.enum(['phone', 'chat', 'branch', 'app']).optional(),
        }),
        response: { 201: cardApplicationSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await submitApplication(request.ctx, request.body)),
  );
  // A POST with the mobile in the body: personal data stays out of URLs (and so out of logs).
  app.post(
    '/api/applications/search',
    {
      schema: {
        tags: ['applications'],
        summary: 'Applications by the applicant’s mobile number',
        body: z.object({ phone: z.string().min(11).max(20) }),
        response: { 200: z.array(cardApplicationSchema) },
      },
    },
    async (request) => findApplicationsByPhone(request.ctx, request.body.phone),
  );
  app.get(
    '/api/applications/:id',
    {
      schema: {
        tags: ['applications'],
        summary: 'Application status',
        params: idParams,
        response: { 200: cardApplicationSchema },
      },
    },
    async (request) => getApplication(request.ctx, request.params.id),
  );
  app.post(
    '/api/applications/:id/decision',
    {
      schema: {
        tags: ['applications'],
        summary: 'Approve (issues account and card) or reject an application',
        params: idParams,
        body: z.object({
          approve: z.boolean(),
          grantedLimitFen: fenSchema.positive().optional(),
          reason: z.string().max(200).optional(),
        }),
        response: { 200: cardApplicationSchema },
      },
    },
    async (request) => decideApplication(request.ctx, { id: request.params.id, ...request.body }),
  );
};
