// Next's ambient types (CSS module imports, `server-only`, …). `next build` also writes next-env.d.ts,
// but that file is git-ignored, so a fresh checkout's `tsc --noEmit` needs this reference too.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
