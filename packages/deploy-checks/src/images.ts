/**
 * Why an image reference is not pinned, or undefined when it is: it needs an explicit tag other than
 * `latest` (a digest alone also pins). `registry:5000/name` has a port, not a tag.
 */
export function unpinnedReason(image: string): string | undefined {
  const [name = "", digest] = image.split("@");
  const last = name.split("/").at(-1) ?? "";
  const tag = last.includes(":") ? last.slice(last.indexOf(":") + 1) : undefined;
  if (tag === "latest") return `image ${image} uses the tag "latest"`;
  if (!tag && !digest) return `image ${image} has no tag`;
  return undefined;
}
