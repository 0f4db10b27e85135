-- Guest-cart merges are idempotent per (user, merge id): the id is remembered with the merge it
-- belongs to, so a retry of a merge whose answer was lost adds nothing twice.
CREATE TABLE "cart_merges" (
    "user_id" UUID NOT NULL,
    "merge_id" UUID NOT NULL,
    "merged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cart_merges_pkey" PRIMARY KEY ("user_id","merge_id")
);
