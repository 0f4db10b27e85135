// Draws one SVG illustration per seeded product into apps/web/public/products/<slug>.svg.
// The seed gives every product imageUrl "/products/<slug>.svg"; these files make those URLs real
// without shipping photos. Run: node scripts/generate-product-images.mjs (idempotent, deterministic).
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const catalogPath = join(root, "packages/product-svc/src/seed/catalog.json");
const outDir = join(root, "apps/web/public/products");

const WIDTH = 800;
const HEIGHT = 600;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Must match slugify() in packages/product-svc/src/seed/seed-catalog.ts, which names the image URLs. */
function slugify(name) {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const escapeXml = (text) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c],
  );

/** Deterministic pseudo-random numbers from the slug, so each product gets its own composition. */
function randomFor(slug) {
  const bytes = createHash("sha256").update(slug).digest();
  let index = 0;
  return () => {
    const value = bytes[index % bytes.length] / 255;
    index += 1;
    return value;
  };
}

function hexToRgb(hex) {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function shade(hex, amount) {
  const mix = (c) => Math.round(amount < 0 ? c * (1 + amount) : c + (255 - c) * amount);
  return `#${hexToRgb(hex)
    .map((c) => mix(c).toString(16).padStart(2, "0"))
    .join("")}`;
}

/** WCAG relative luminance: light backgrounds get dark ink, dark ones white. */
function inkFor(hex) {
  const [r, g, b] = hexToRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.3 ? "#1d2126" : "#ffffff";
}

// One line drawing per category, in a 200×200 box, stroked with the ink colour.
const ICONS = {
  kitchen: `
    <circle cx="85" cy="118" r="58"/>
    <circle cx="85" cy="118" r="40" opacity="0.5"/>
    <path d="M141 108 L192 96 M143 128 L192 116 M192 96 L192 116"/>
    <path d="M62 44 q10 -14 0 -28 M86 44 q10 -14 0 -28 M110 44 q10 -14 0 -28"/>`,
  outdoor: `
    <path d="M8 172 L72 78 L104 124 L136 88 L192 172 Z"/>
    <path d="M58 100 L72 78 L88 102"/>
    <circle cx="150" cy="44" r="20"/>`,
  audio: `
    <path d="M38 128 V100 a62 62 0 0 1 124 0 V128"/>
    <rect x="24" y="118" width="34" height="58" rx="14"/>
    <rect x="142" y="118" width="34" height="58" rx="14"/>`,
  office: `
    <rect x="22" y="34" width="156" height="100" rx="10"/>
    <path d="M86 134 L80 166 M114 134 L120 166 M56 170 H144"/>
    <path d="M46 62 H110 M46 84 H140 M46 106 H92" opacity="0.6"/>`,
  apparel: `
    <path d="M70 28 L30 50 L12 96 L44 108 L50 90 V176 H150 V90 L156 108 L188 96 L170 50 L130 28 Q100 58 70 28 Z"/>`,
  home: `
    <path d="M20 96 L100 26 L180 96"/>
    <path d="M40 80 V176 H160 V80"/>
    <path d="M86 176 V126 H114 V176"/>
    <rect x="126" y="104" width="22" height="22" rx="3" opacity="0.7"/>`,
};

/** Greedy word wrap into lines of at most `max` characters (a longer single word gets its own line). */
function wrapGreedy(text, max) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** As few lines as fit `max`, then as even as possible: "Cast Iron / Skillet 26 cm", not "… 26 / cm". */
function wrapBalanced(text, max) {
  const count = wrapGreedy(text, max).length;
  let width = max;
  while (width > 1 && wrapGreedy(text, width - 1).length === count) width -= 1;
  return wrapGreedy(text, width);
}

/** Name lines and font size: large for short names, smaller when it would take three lines. */
function nameLayout(name) {
  const large = wrapBalanced(name, 22);
  if (large.length <= 2 && large.every((l) => l.length <= 22)) return { lines: large, fontSize: 46 };
  return { lines: wrapBalanced(name, 28), fontSize: 38 };
}

function productSvg(product, category) {
  const slug = slugify(product.name);
  const random = randomFor(slug);
  const base = category.color;
  const ink = inkFor(base);
  const from = shade(base, 0.18 - random() * 0.1);
  const to = shade(base, -0.18 - random() * 0.12);
  const angle = Math.round(random() * 90);

  // Soft background discs: position and size vary per product, colour stays the category's.
  const discs = Array.from({ length: 4 }, () => {
    const cx = Math.round(random() * WIDTH);
    const cy = Math.round(random() * HEIGHT);
    const r = Math.round(60 + random() * 180);
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${ink}" opacity="${(0.04 + random() * 0.06).toFixed(2)}"/>`;
  }).join("\n    ");

  const { lines, fontSize } = nameLayout(product.name);
  const lineHeight = Math.round(fontSize * 1.2);
  const firstBaseline = 488 - ((lines.length - 1) * lineHeight) / 2;
  const nameText = lines
    .map((l, i) => `<tspan x="400" y="${Math.round(firstBaseline + i * lineHeight)}">${escapeXml(l)}</tspan>`)
    .join("");
  const tilt = Math.round((random() - 0.5) * 12);

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(product.name)}">
  <defs>
    <linearGradient id="bg" gradientTransform="rotate(${angle} 0.5 0.5)">
      <stop offset="0" stop-color="${from}"/>
      <stop offset="1" stop-color="${to}"/>
    </linearGradient>
  </defs>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#bg)"/>
  <g>
    ${discs}
  </g>
  <circle cx="400" cy="235" r="150" fill="${ink}" opacity="0.12"/>
  <g transform="translate(400 235) rotate(${tilt}) scale(1.25) translate(-100 -100)" fill="none" stroke="${ink}" stroke-width="9" stroke-linecap="round" stroke-linejoin="round">${ICONS[category.slug] ?? '<circle cx="100" cy="100" r="70"/>'}
  </g>
  <text x="48" y="64" fill="${ink}" opacity="0.8" font-family="${FONT}" font-size="22" font-weight="700" letter-spacing="4">${escapeXml(category.name.toUpperCase())}</text>
  <text text-anchor="middle" fill="${ink}" font-family="${FONT}" font-size="${fontSize}" font-weight="700">${nameText}</text>
</svg>
`;
}

const catalog = JSON.parse(await readFile(catalogPath, "utf8"));
const categories = new Map(catalog.categories.map((c) => [c.slug, c]));
await mkdir(outDir, { recursive: true });

let written = 0;
for (const product of catalog.products) {
  const category = categories.get(product.category);
  if (!category) throw new Error(`${product.name}: unknown category ${product.category}`);
  await writeFile(join(outDir, `${slugify(product.name)}.svg`), productSvg(product, category));
  written += 1;
}
console.log(`wrote ${written} product images to ${outDir}`);
