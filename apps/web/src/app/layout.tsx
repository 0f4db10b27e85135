import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "../components/SiteHeader.tsx";
import { SHOP_NAME } from "../lib/format.ts";
import "./globals.css";
import { Providers } from "./providers.tsx";

export const metadata: Metadata = {
  title: { default: `${SHOP_NAME} — well-made things for every day`, template: `%s · ${SHOP_NAME}` },
  description: "Kitchen, outdoor, audio, office, apparel and home goods.",
};

export const viewport: Viewport = {
  themeColor: "#1f6f5f",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers>
          {/* Inside the providers: the header's cart count and notification bell are live queries. */}
          <SiteHeader />
          <main id="main" className="container">
            {children}
          </main>
        </Providers>
        <footer className="site-footer">
          <div className="container">{SHOP_NAME} · a demo shop: nothing you order here will be shipped.</div>
        </footer>
      </body>
    </html>
  );
}
