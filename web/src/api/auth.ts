import { platformEndpoints as pl } from '@carddesk/contracts/endpoints';
import { type Body, call } from '../app/api.ts';

/** Staff sign-in and sign-out (the platform's routes in the contract). Sign-in is public: no token is sent. */
export const login = (body: Body<typeof pl.login>) => call(pl.login, { body });
export const logout = () => call(pl.logout);
