import { createHmac } from "node:crypto";
import { AppError } from "../../shared/app-error";

export type ZaloGraphConfig = { graphUrl: string; appSecret: string; timeoutMs?: number };

/** appsecret_proof = hex HMAC-SHA256(key = app secret, message = access token). */
export function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac("sha256", appSecret).update(accessToken).digest("hex");
}

/**
 * A short circuit breaker per Graph base URL: after BREAKER_FAILURES failures in a row, calls fail at
 * once (503, Retry-After) for BREAKER_OPEN_MS instead of each waiting up to 8 s on a Zalo outage.
 */
const BREAKER_FAILURES = 3;
export const BREAKER_OPEN_MS = 30_000;
const breakers = new Map<string, { failures: number; openUntil: number }>();

function unavailable(message: string): AppError {
  return new AppError(503, "ZALO_UNAVAILABLE", message);
}

async function getJson(url: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  const base = new URL(url).origin;
  const breaker = breakers.get(base) ?? { failures: 0, openUntil: 0 };
  breakers.set(base, breaker);
  if (breaker.openUntil > Date.now()) throw unavailable("Zalo Graph is failing; not calling it for a moment (circuit open)");
  const failed = (message: string) => {
    breaker.failures++;
    if (breaker.failures >= BREAKER_FAILURES) breaker.openUntil = Date.now() + BREAKER_OPEN_MS;
    return unavailable(message);
  };
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw failed(`Zalo Graph unreachable: ${(err as Error).message}`);
  }
  if (res.status >= 500) throw failed(`Zalo Graph answered ${res.status}`);
  breaker.failures = 0;
  try {
    return await res.json();
  } catch {
    throw unavailable("Zalo Graph answered with something that is not JSON");
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Who owns this access token, according to Zalo (never according to the client). */
export async function fetchZaloUser(cfg: ZaloGraphConfig, accessToken: string): Promise<{ id: string; name: string | null }> {
  const body = await getJson(
    `${cfg.graphUrl}/v2.0/me?fields=id,name`,
    { access_token: accessToken, appsecret_proof: appSecretProof(cfg.appSecret, accessToken) },
    cfg.timeoutMs ?? 8000,
  );
  if (!isObj(body) || (typeof body.error === "number" && body.error !== 0) || typeof body.id !== "string" || !body.id)
    throw new AppError(401, "ZALO_TOKEN_INVALID", "Zalo did not accept the access token");
  return { id: body.id, name: typeof body.name === "string" ? body.name : null };
}

/** Exchange the single-use phone token from getPhoneNumber() for the number ("84…"). */
export async function fetchZaloPhone(cfg: ZaloGraphConfig, accessToken: string, phoneToken: string): Promise<string> {
  const body = await getJson(
    `${cfg.graphUrl}/v2.0/me/info`,
    { access_token: accessToken, code: phoneToken, secret_key: cfg.appSecret },
    cfg.timeoutMs ?? 8000,
  );
  const number = isObj(body) && isObj(body.data) ? body.data.number : undefined;
  if (!isObj(body) || body.error !== 0 || typeof number !== "string")
    throw new AppError(400, "PHONE_TOKEN_INVALID", "Zalo did not accept the phone token");
  return number;
}
