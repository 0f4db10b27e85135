import Link from "next/link";

export default function OrderNotFound() {
  return (
    <div className="notice">
      <h1>We could not find that order</h1>
      <p>It may belong to another account, or the link is incomplete.</p>
      <div className="notice-actions">
        <Link className="button" href="/orders">
          Your orders
        </Link>
      </div>
    </div>
  );
}
