/** One entry of the error catalogue: the HTTP status and the message in both locales. */
export interface ErrorDefinition {
  readonly status: number;
  readonly zh: string;
  readonly en: string;
}
