import Link from "next/link";

export default function ProductNotFound() {
  return (
    <div className="notice">
      <h1>We could not find that product</h1>
      <p>It may have been renamed or is no longer sold.</p>
      <Link className="button" href="/">
        Browse the catalog
      </Link>
    </div>
  );
}
