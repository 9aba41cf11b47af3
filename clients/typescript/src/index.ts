/**
 * A typed client for the LeapMastery API. The types come from the committed contract (openapi/leap-mastery.v1.json) through
 * openapi-typescript (`npm run generate` writes src/schema.d.ts); the requests are openapi-fetch's, so every path, parameter,
 * body and answer is checked by the compiler against the contract.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, paths };

/** The contract's schemas by name: `Schemas["EvidenceResponse"]`, `Schemas["ApiProblem"]`, … */
export type Schemas = components["schemas"];

export interface LeapCredentials {
  clientId: string;
  clientSecret: string;
  /** Ask for fewer scopes than the client has (default: all of them). */
  scopes?: string[];
}

/** An answer that was not 2xx: the RFC 9457 problem the API sent (or the OAuth error of the token endpoint). */
export class LeapProblem extends Error {
  constructor(readonly status: number, readonly problem: unknown) {
    super(`${status}: ${describe(problem)}`);
    this.name = "LeapProblem";
  }
}

function describe(problem: unknown): string {
  if (problem && typeof problem === "object") {
    const p = problem as { title?: string; detail?: string; error?: string; error_description?: string; errors?: { name: string; reason: string }[] };
    const fields = p.errors?.map((e) => `${e.name}: ${e.reason}`).join("; ");
    return [p.title ?? p.error, p.detail ?? p.error_description, fields].filter(Boolean).join(" — ");
  }
  return String(problem);
}

/** POST /v1/oauth/token (client credentials, form-encoded, RFC 6749 §4.4). */
export async function requestToken(baseUrl: string, credentials: LeapCredentials, fetchImpl: typeof fetch = fetch): Promise<Schemas["TokenResponse"]> {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.clientSecret });
  if (credentials.scopes?.length) form.set("scope", credentials.scopes.join(" "));
  const response = await fetchImpl(new URL("/v1/oauth/token", baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form,
  });
  const body: unknown = await response.json();
  if (!response.ok) throw new LeapProblem(response.status, body);
  return body as Schemas["TokenResponse"];
}

/**
 * A client that gets (and renews, shortly before it expires) its own access token.
 *
 * ```ts
 * const leap = createLeapClient("http://127.0.0.1:5080", { clientId: "demo-admin", clientSecret });
 * const progress = ok(await leap.GET("/v1/learners/{learnerId}/progress", { params: { path: { learnerId: "s-1001" } } }));
 * ```
 */
export function createLeapClient(baseUrl: string, credentials: LeapCredentials, fetchImpl: typeof fetch = fetch): Client<paths> {
  let token: { value: string; renewAt: number } | undefined;
  // One token request at a time: concurrent calls that find no valid token wait for the same one.
  let pending: Promise<{ value: string; renewAt: number }> | undefined;
  const current = async () => {
    if (token && Date.now() < token.renewAt) return token;
    pending ??= requestToken(baseUrl, credentials, fetchImpl)
      .then((issued) => {
        if (!issued.access_token) throw new LeapProblem(200, "The token endpoint answered without an access_token.");
        return (token = { value: issued.access_token, renewAt: Date.now() + Math.max(0, (issued.expires_in ?? 60) - 30) * 1000 });
      })
      .finally(() => { pending = undefined; });
    return pending;
  };
  const bearer: Middleware = {
    async onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${(await current()).value}`);
      return request;
    },
  };
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl });
  client.use(bearer);
  return client;
}

/** The data of a 2xx answer, or a {@link LeapProblem} with the problem the API sent. */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) throw new LeapProblem(result.response.status, result.error);
  return result.data as T;
}
