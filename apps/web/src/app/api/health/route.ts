// Liveness of the web app itself, for process supervisors and the local-stack readiness check. It
// deliberately does not call the services: a service outage should show error pages, not get the
// web process restarted.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok", service: "web" }, { headers: { "cache-control": "no-store" } });
}
