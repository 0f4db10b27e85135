import type { OrderEvent, OrderStatus } from "@shop/events/order-events";
import { notificationFacts } from "../consumer/event-facts.ts";

/** What one event tells the shopper: the in-app notification text and the email. */
export interface RenderedMessage {
  title: string;
  body: string;
  subject: string;
  html: string;
  text: string;
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/** Building an Intl.NumberFormat costs far more than using one; one per currency, kept. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(cents: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency });
    moneyFormats.set(currency, format);
  }
  return format.format(cents / 100);
}

/** Short, human order reference: the first 8 characters of the id, upper-cased. */
export function orderRef(orderId: string): string {
  return orderId.slice(0, 8).toUpperCase();
}

const STATUS_COPY: Record<OrderStatus, { title: string; line: string }> = {
  PENDING: { title: "Order received", line: "We have received your order." },
  CONFIRMED: { title: "Order confirmed", line: "Your order is confirmed and being prepared." },
  SHIPPED: { title: "Order shipped", line: "Your order is on its way." },
  DELIVERED: { title: "Order delivered", line: "Your order has been delivered. Enjoy!" },
  CANCELLED: {
    title: "Order cancelled",
    line: "Your order has been cancelled and any payment will be refunded.",
  },
};

function layout(heading: string, inner: string, link: string): string {
  return `<!doctype html><html><body style="margin:0;background:#f6f5f2;font-family:system-ui,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:24px auto;background:#fff;border-radius:10px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(heading)}</h1>${inner}
<p style="margin-top:24px"><a href="${escapeHtml(link)}" style="background:#1f6f5c;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">View your order</a></p>
<p style="color:#6b7280;font-size:12px;margin-top:24px">Storefront · You receive this email because you placed an order.</p>
</div></body></html>`;
}

/** Renders once per notification, when it is recorded; the result is stored and sent as it is. */
export function renderOrderEvent(event: OrderEvent, webUrl: string): RenderedMessage {
  if (event.type === "order.created") {
    const { order } = event;
    const ref = orderRef(order.id);
    const link = `${webUrl.replace(/\/$/, "")}/orders/${order.id}`;
    const total = formatMoney(order.subtotalCents, order.currency);
    const count = order.items.reduce((n, i) => n + i.quantity, 0);
    const rows = order.items
      .map(
        (i) =>
          `<tr><td style="padding:6px 0">${escapeHtml(i.name)}</td><td style="text-align:right">${i.quantity} × ${formatMoney(i.unitPriceCents, order.currency)}</td><td style="text-align:right">${formatMoney(i.lineTotalCents, order.currency)}</td></tr>`,
      )
      .join("");
    const table = `<table style="width:100%;border-collapse:collapse;font-size:14px">${rows}<tr><td colspan="2" style="padding-top:10px;font-weight:600">Total</td><td style="text-align:right;padding-top:10px;font-weight:600">${total}</td></tr></table>`;
    const textLines = order.items.map(
      (i) =>
        `- ${i.name}: ${i.quantity} × ${formatMoney(i.unitPriceCents, order.currency)} = ${formatMoney(i.lineTotalCents, order.currency)}`,
    );
    return {
      title: `Order ${ref} placed`,
      body: `Thanks! We received your order of ${count} item${count === 1 ? "" : "s"} (${total}).`,
      subject: `Your Storefront order ${ref} (${total})`,
      html: layout(`Thanks for your order ${ref}`, `<p>Here is what you ordered:</p>${table}`, link),
      text: [
        `Thanks for your order ${ref}.`,
        "",
        ...textLines,
        "",
        `Total: ${total}`,
        "",
        `View your order: ${link}`,
      ].join("\n"),
    };
  }
  const { orderId, orderStatus, note } = notificationFacts(event);
  const ref = orderRef(orderId);
  const copy = STATUS_COPY[orderStatus];
  const link = `${webUrl.replace(/\/$/, "")}/orders/${orderId}`;
  const body = note ? `${copy.line} ${note}` : copy.line;
  return {
    title: `${copy.title}: ${ref}`,
    body,
    subject: `Order ${ref}: ${copy.title.toLowerCase()}`,
    html: layout(
      `${copy.title} — ${ref}`,
      `<p>${escapeHtml(copy.line)}</p>${note ? `<p>${escapeHtml(note)}</p>` : ""}`,
      link,
    ),
    text: `${copy.title} — order ${ref}.\n\n${copy.line}${note ? `\n\n${note}` : ""}\n\nView your order: ${link}`,
  };
}
