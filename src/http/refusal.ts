/**
 * How a Node/Express middleware answers a refusal, shared by `auth.middleware()` and guards used as
 * middleware after it, so that a guard's 403 carries the auth's realm and follows its `forwardErrors`.
 */
import type { BearerError } from './bearer-error.js';

/** A Node `http.ServerResponse`, an Express or Connect response, or anything shaped like one. */
export interface NodeResponse {
  statusCode: number;
  readonly headersSent?: boolean;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

export type Next = (error?: unknown) => void;

/** Answers or forwards a refusal, as the auth that verified the request was configured to. */
export type Refuser = (error: BearerError, res: NodeResponse, next: Next) => void;

/** The refuser of each request that `auth.middleware()` let through; weak, so nothing is kept after it. */
export const refusers: WeakMap<object, Refuser> = /* @__PURE__ */ new WeakMap<object, Refuser>();

/** Writes the refusal as the response: status, headers and JSON body. */
export function answer(res: NodeResponse, error: BearerError): void {
  res.statusCode = error.status;
  for (const [name, value] of Object.entries(error.headers())) res.setHeader(name, value);
  res.end(JSON.stringify(error));
}

/** Without an auth's settings: answer, unless the response has started. */
export const answerRefusal: Refuser = (error, res, next) => {
  if (res.headersSent === true) next(error);
  else answer(res, error);
};
