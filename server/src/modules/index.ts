import { botModule } from './bot/index.ts';
import { cardsModule } from './cards/index.ts';
import { casesModule } from './cases/index.ts';
import { chatModule } from './chat/index.ts';
import { contactsModule } from './contacts/index.ts';
import { emergencyModule } from './emergency/index.ts';
import { knowledgeModule } from './knowledge/index.ts';
import type { ModuleDef } from './module.ts';
import { nluModule } from './nlu/index.ts';

/** Every domain module, in dependency order (a module's demo data may use the ones before it). */
export const modules: readonly ModuleDef[] = [
  cardsModule,
  contactsModule,
  chatModule,
  casesModule,
  emergencyModule,
  knowledgeModule,
  nluModule,
  botModule,
];
