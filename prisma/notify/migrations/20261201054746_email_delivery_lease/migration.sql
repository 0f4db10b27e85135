-- Email delivery claims a row with a lease instead of holding a transaction across the SMTP send:
-- SENDING + lease_until mark a send in progress; a lease that ran out (crashed sender) can be claimed
-- again. The email is rendered once, when the notification is recorded, and stored with it.
-- Additive only: existing rows keep their status; their email columns stay NULL and are rendered from
-- the stored payload the first time they are sent.

-- AlterEnum
ALTER TYPE "NotificationStatus" ADD VALUE 'SENDING';

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN "lease_until" TIMESTAMPTZ(3),
ADD COLUMN "email_subject" TEXT,
ADD COLUMN "email_html" TEXT,
ADD COLUMN "email_text" TEXT;
