// The CRM.COM Back-Office client, for what the connector needs: the contacts list, page
// by page, sorted by update time. It authenticates with a secret API key (header
// `api_key`) or, when none is set, as a Back-Office user (JWT bearer from
// /users/authenticate; on 401 it refreshes once, else signs in again, and repeats the
// request). Every outcome is classified for the framework: a page, a final
// ConnectorError or a RetryableError (429, 5xx, timeout, connection error). No key,
// password or token ever appears in a message.
import "server-only";
import { ConnectorError, RetryableError } from "@/lib/connectors/errors";
import { parseRetryAfter } from "@/lib/connectors/retry";
import { type Reply, exchange, peerMessage } from "@/lib/integrations/crmcom/http";
import {
  type CrmcomPage,
  type CrmcomTokens,
  crmcomPageSchema,
  crmcomTokensSchema,
} from "@/lib/integrations/crmcom/schema";

export type CrmcomAuth =
  | { readonly kind: "apiKey"; readonly apiKey: string }
  | { readonly kind: "user"; readonly username: string; readonly password: string };

export type CrmcomClientConfig = { apiUrl: string; auth: CrmcomAuth; pageSize: number };

export type CrmcomClient = {
  /** One page (from 1) of the contacts list, oldest update first. */
  fetchContactsPage(page: number, signal: AbortSignal): Promise<CrmcomPage>;
};

export const contactsPath = "/backoffice/v1/contacts";
const authenticatePath = "/backoffice/v1/users/authenticate";
const refreshPath = "/backoffice/v1/users/refresh";

const transient = (status: number) => status === 429 || status >= 500;

export function createCrmcomClient(config: CrmcomClientConfig, options: { timeoutMs?: number } = {}): CrmcomClient {
  const { auth } = config;
  const endpoint = (path: string) => new URL(`${config.apiUrl}${path}`);
  // Every token this client was given, so that none can leak into a message.
  const issued = new Set<string>();
  const secrets = () => (auth.kind === "apiKey" ? [auth.apiKey] : [auth.password, ...issued]);
  const says = (reply: Reply) => peerMessage(reply.body, secrets());
  let tokens: CrmcomTokens | null = null;

  function readTokens(reply: Reply, what: string): CrmcomTokens {
    let parsed;
    try {
      parsed = crmcomTokensSchema.safeParse(JSON.parse(reply.body));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success)
      throw new ConnectorError("bad_response", `CRM.COM's answer to the ${what} holds no access_token`);
    issued.add(parsed.data.access);
    if (parsed.data.refresh) issued.add(parsed.data.refresh);
    return parsed.data;
  }

  async function signIn(username: string, password: string, signal: AbortSignal): Promise<CrmcomTokens> {
    const reply = await exchange(
      endpoint(authenticatePath),
      {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/json" },
        body: JSON.stringify({ username, password }),
      },
      { signal, timeoutMs: options.timeoutMs },
    );
    if (reply.status === 200) return readTokens(reply, "sign-in");
    if (transient(reply.status)) {
      throw new RetryableError(
        `CRM.COM answered HTTP ${reply.status} to the sign-in${says(reply)}`,
        parseRetryAfter(reply.retryAfter),
      );
    }
    throw new ConnectorError(
      "unauthorized",
      `CRM.COM refused the Back-Office sign-in of ${username} (HTTP ${reply.status}): ` +
        `check CRMCOM_USERNAME and CRMCOM_PASSWORD${says(reply)}`,
    );
  }

  /** New tokens from the refresh token, or null when CRM.COM refuses it (then: sign in again). */
  async function refresh(refreshToken: string, signal: AbortSignal): Promise<CrmcomTokens | null> {
    const reply = await exchange(
      endpoint(refreshPath),
      { method: "POST", headers: { accept: "application/json", authorization: `Bearer ${refreshToken}` } },
      { signal, timeoutMs: options.timeoutMs },
    );
    if (reply.status === 200) return readTokens(reply, "token refresh");
    if (transient(reply.status)) {
      throw new RetryableError(
        `CRM.COM answered HTTP ${reply.status} to the token refresh${says(reply)}`,
        parseRetryAfter(reply.retryAfter),
      );
    }
    return null;
  }

  /** Sends a request as the signed-in user; on 401 renews the token (refresh once, else sign in) and sends it again. */
  async function asUser(
    user: { username: string; password: string },
    send: (token: string) => Promise<Reply>,
    signal: AbortSignal,
  ) {
    tokens ??= await signIn(user.username, user.password, signal);
    const first = await send(tokens.access);
    if (first.status !== 401) return first;
    const refreshed = tokens.refresh ? await refresh(tokens.refresh, signal) : null;
    tokens = refreshed ?? (await signIn(user.username, user.password, signal));
    const second = await send(tokens.access);
    if (second.status !== 401 || refreshed === null) return second;
    // A refreshed token refused at once: one fresh sign-in before giving up.
    tokens = await signIn(user.username, user.password, signal);
    return send(tokens.access);
  }

  async function fetchContactsPage(page: number, signal: AbortSignal): Promise<CrmcomPage> {
    const url = endpoint(contactsPath);
    url.searchParams.set("page", String(page));
    url.searchParams.set("size", String(config.pageSize));
    url.searchParams.set("sort", "UPDATED_DATE");
    url.searchParams.set("order", "ASC");
    const get = (headers: Record<string, string>) =>
      exchange(
        url,
        { method: "GET", headers: { accept: "application/json", ...headers } },
        { signal, timeoutMs: options.timeoutMs },
      );
    const reply =
      auth.kind === "apiKey"
        ? await get({ api_key: auth.apiKey })
        : await asUser(auth, (token) => get({ authorization: `Bearer ${token}` }), signal);
    if (reply.status === 200) return readPage(reply.body, page);
    throw pageFailure(reply, page);
  }

  const url = (page: number) => `${contactsPath}?page=${page}&size=${config.pageSize}&sort=UPDATED_DATE&order=ASC`;

  function pageFailure(reply: Reply, page: number): Error {
    const { status } = reply;
    if (transient(status))
      return new RetryableError(
        `CRM.COM answered HTTP ${status} for page ${page}${says(reply)}`,
        parseRetryAfter(reply.retryAfter),
      );
    if ((status === 401 || status === 403) && auth.kind === "apiKey") {
      return new ConnectorError(
        "unauthorized",
        `CRM.COM refused CRMCOM_SECRET_KEY (HTTP ${status}): the key was rejected (wrong, expired or rolled) ` +
          `or lacks the scope to read contacts; public API keys cannot read contacts, use a secret key${says(reply)}`,
      );
    }
    if (status === 401 && auth.kind === "user") {
      return new ConnectorError(
        "unauthorized",
        `CRM.COM refused the token it had just issued to ${auth.username} (HTTP 401)${says(reply)}`,
      );
    }
    if (status === 403 && auth.kind === "user") {
      return new ConnectorError(
        "unauthorized",
        `CRM.COM does not let ${auth.username} read contacts (HTTP 403)${says(reply)}`,
      );
    }
    if (status === 400 || status === 422) {
      return new ConnectorError(
        "bad_request",
        `CRM.COM refused the request for page ${page} (HTTP ${status}): GET ${url(page)}${says(reply)}`,
      );
    }
    return new ConnectorError(
      "bad_response",
      `CRM.COM answered HTTP ${status} for page ${page}, which its API does not document for this request ` +
        `(is CRMCOM_API_URL the API origin?)${says(reply)}`,
    );
  }

  return { fetchContactsPage };
}

function readPage(body: string, page: number): CrmcomPage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ConnectorError("bad_response", `CRM.COM's answer for page ${page} is not JSON`);
  }
  const parsed = crmcomPageSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConnectorError(
      "bad_response",
      `CRM.COM's answer for page ${page} is not a page of contacts: expected {"content": […], "paging": {…}} or an array`,
    );
  }
  return parsed.data;
}
