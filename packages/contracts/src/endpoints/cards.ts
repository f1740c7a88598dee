import { get, post } from '../http/endpoint.ts';

/** The card engine's endpoints (the `*.routes.ts` files of server/src/modules/cards); their schemas are in `routes/cards.ts`. */
export const cardsEndpoints = {
  // Customers: look-up, the 360 view, statements and transactions.
  searchCustomers: post('/api/customers/search'),
  customer360: get('/api/customers/:id'),
  customerSummary: get('/api/customers/:id/summary'),
  customerStatements: get('/api/customers/:id/statements'),
  customerTransactions: get('/api/customers/:id/transactions'),
  // Cards.
  freeze: post('/api/cards/:id/freeze'),
  unfreeze: post('/api/cards/:id/unfreeze'),
  reportLost: post('/api/cards/:id/report-lost'),
  activate: post('/api/cards/:id/activate'),
  replace: post('/api/cards/:id/replace'),
  cancel: post('/api/cards/:id/cancel'),
  annualFeeWaiver: get('/api/cards/:id/annual-fee-waiver'),
  // Accounts: transactions, repayments, limits, points.
  accountTransactions: get('/api/accounts/:id/transactions'),
  repay: post('/api/accounts/:id/repayments'),
  temporaryLimit: post('/api/accounts/:id/limit/temporary'),
  limitEligibility: get('/api/accounts/:id/limit/eligibility'),
  permanentLimit: post('/api/accounts/:id/limit/permanent'),
  pendingLimitChanges: get('/api/limit-changes/pending'),
  decideLimitChange: post('/api/limit-changes/:id/decision'),
  points: get('/api/accounts/:id/points'),
  redeemPoints: post('/api/accounts/:id/points'),
  // Installments.
  installmentOptions: get('/api/accounts/:id/installment-options'),
  quoteInstallment: post('/api/installments/quote'),
  acceptInstallment: post('/api/installments'),
  prepayInstallment: post('/api/installments/:id/prepay'),
  // Calculators.
  minimumPayment: post('/api/calculators/minimum-payment'),
  interestFreePeriod: post('/api/calculators/interest-free-period'),
  installmentCalc: post('/api/calculators/installment'),
  revolvingInterest: post('/api/calculators/revolving-interest'),
  // Money given back.
  requestFeeAdjustment: post('/api/accounts/:id/annual-fee-adjustments'),
  decideFeeAdjustment: post('/api/annual-fee-adjustments/:id/decision'),
  refundCreditBalance: post('/api/accounts/:id/credit-balance/refund'),
  // The product catalogue and card applications.
  listProducts: get('/api/products'),
  createProduct: post('/api/products'),
  addProductVersion: post('/api/products/:id/versions'),
  submitApplication: post('/api/applications'),
  searchApplications: post('/api/applications/search'),
  application: get('/api/applications/:id'),
  decideApplication: post('/api/applications/:id/decision'),
} as const;
