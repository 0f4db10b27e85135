import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { E2E_PORT_OFFSET } from "./port-offset.ts";

/**
 * A minimal OpenID Connect provider standing in for Google in e2e tests: discovery, JWKS, an
 * authorize endpoint that "logs in" `nextUser` and redirects back with code + state, and a token
 * endpoint that checks the client secret, the redirect URI and the PKCE code_verifier before issuing
 * an RS256-signed ID token. The web app reaches it through GOOGLE_ISSUER (see playwright.config.ts).
 */
export const FAKE_GOOGLE = {
  port: 4199 + E2E_PORT_OFFSET,
  clientId: "e2e-google-client",
  clientSecret: "e2e-google-secret-not-for-production",
} as const;

export interface FakeGoogleUser {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

interface PendingCode {
  user: FakeGoogleUser;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
}

export interface TokenRequestRecord {
  ok: boolean;
  /** Why it was refused, when it was. */
  refusal?: string;
}

export class FakeOidcProvider {
  readonly issuer = `http://127.0.0.1:${FAKE_GOOGLE.port}`;
  /** Who the next authorization "logs in". */
  nextUser: FakeGoogleUser | undefined;
  /** When set, the next redirect back carries a state the app never issued (a CSRF attempt). */
  forgeNextState = false;
  readonly tokenRequests: TokenRequestRecord[] = [];

  private server: Server | undefined;
  private signingKey: CryptoKey | undefined;
  private publicJwk: JWK | undefined;
  private readonly codes = new Map<string, PendingCode>();

  async start(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    this.signingKey = privateKey;
    this.publicJwk = { ...(await exportJWK(publicKey)), kid: "e2e-key", alg: "RS256", use: "sig" };
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once("error", reject).listen(FAKE_GOOGLE.port, "127.0.0.1", resolve);
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.issuer);
    if (req.method === "GET" && url.pathname === "/.well-known/openid-configuration") {
      return send(res, 200, this.discovery());
    }
    if (req.method === "GET" && url.pathname === "/jwks") return send(res, 200, { keys: [this.publicJwk] });
    if (req.method === "GET" && url.pathname === "/authorize") return this.authorize(url, res);
    if (req.method === "POST" && url.pathname === "/token") return this.token(req, res);
    send(res, 404, { error: "not_found" });
  }

  private discovery() {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/authorize`,
      token_endpoint: `${this.issuer}/token`,
      jwks_uri: `${this.issuer}/jwks`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    };
  }

  private authorize(url: URL, res: ServerResponse): void {
    const params = url.searchParams;
    const redirectUri = params.get("redirect_uri");
    const state = params.get("state");
    const codeChallenge = params.get("code_challenge");
    const user = this.nextUser;
    const problem =
      params.get("client_id") !== FAKE_GOOGLE.clientId
        ? "unknown client_id"
        : params.get("response_type") !== "code" || !redirectUri
          ? "code flow with a redirect_uri required"
          : !state
            ? "state required"
            : !codeChallenge || params.get("code_challenge_method") !== "S256"
              ? "S256 PKCE required"
              : !user
                ? "no test user set"
                : undefined;
    if (problem || !redirectUri || !state || !codeChallenge || !user) {
      send(res, 400, { error: "invalid_request", error_description: problem });
      return;
    }

    const code = randomBytes(16).toString("base64url");
    this.codes.set(code, {
      user,
      redirectUri,
      codeChallenge,
      nonce: params.get("nonce") ?? undefined,
    });
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    back.searchParams.set("state", this.forgeNextState ? randomBytes(16).toString("base64url") : state);
    this.forgeNextState = false;
    res.writeHead(302, { location: back.toString() }).end();
  }

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const refuse = (status: number, error: string, refusal: string) => {
      this.tokenRequests.push({ ok: false, refusal });
      send(res, status, { error, error_description: refusal });
    };
    const client = clientCredentials(req, form);
    if (client.id !== FAKE_GOOGLE.clientId || client.secret !== FAKE_GOOGLE.clientSecret) {
      return refuse(401, "invalid_client", "wrong client credentials");
    }
    const code = form.get("code") ?? "";
    const pending = this.codes.get(code);
    this.codes.delete(code); // single use
    if (form.get("grant_type") !== "authorization_code" || !pending) {
      return refuse(400, "invalid_grant", "unknown or reused code");
    }
    if (form.get("redirect_uri") !== pending.redirectUri) {
      return refuse(400, "invalid_grant", "redirect_uri mismatch");
    }
    const verifier = form.get("code_verifier") ?? "";
    if (createHash("sha256").update(verifier).digest("base64url") !== pending.codeChallenge) {
      return refuse(400, "invalid_grant", "PKCE code_verifier does not match the challenge");
    }

    const idToken = await this.idTokenFor(pending);
    this.tokenRequests.push({ ok: true });
    send(res, 200, {
      access_token: randomBytes(16).toString("base64url"),
      token_type: "Bearer",
      expires_in: 3600,
      scope: "openid email profile",
      id_token: idToken,
    });
  }

  private idTokenFor({ user, nonce }: PendingCode): Promise<string> {
    if (!this.signingKey) throw new Error("provider not started");
    return new SignJWT({
      email: user.email,
      email_verified: user.emailVerified,
      name: user.name,
      ...(nonce ? { nonce } : {}),
    })
      .setProtectedHeader({ alg: "RS256", kid: "e2e-key" })
      .setIssuer(this.issuer)
      .setAudience(FAKE_GOOGLE.clientId)
      .setSubject(user.sub)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(this.signingKey);
  }
}

/** client_secret_basic (Authorization header, form-encoded parts) or client_secret_post. */
function clientCredentials(req: IncomingMessage, form: URLSearchParams): { id?: string; secret?: string } {
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? "");
  if (basic?.[1]) {
    const [id = "", secret = ""] = Buffer.from(basic[1], "base64").toString("utf8").split(":");
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
  }
  return { id: form.get("client_id") ?? undefined, secret: form.get("client_secret") ?? undefined };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
