import { awsEnvShape } from "@shop/events/aws";
import { flag, parseEnv, port, serviceEnvShape } from "@shop/service-kit/env";
import { z } from "zod";

export const envSchema = z.object({
  ...serviceEnvShape,
  ...awsEnvShape,
  PORT: port(4004),
  DATABASE_URL: z.url({ error: "DATABASE_URL must be a postgres:// URL" }),
  NOTIFY_QUEUE: z.string().default("notify-order-events"),
  SMTP_URL: z.url().default("smtp://127.0.0.1:1025"),
  MAIL_FROM: z.string().default("Storefront <orders@storefront.local>"),
  /** SMTP connections kept open and shared by every send. */
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(20),
  PUBLIC_WEB_URL: z.url().default("http://localhost:3000"),
  /**
   * Deliveries before SQS moves a message to the dead-letter queue. An email still failing on the last
   * one is left FAILED (for an admin retry) and its message deleted, so only poison reaches the DLQ.
   */
  MAX_RECEIVE_COUNT: z.coerce.number().int().min(1).max(100).default(5),
  VISIBILITY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(43_200).default(30),
  CONSUMER_ENABLED: flag(true),
  /** Batches handled at once: each waits mostly on SMTP and the database, not on CPU. */
  CONSUMER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(8),
  /**
   * How long a sender's claim on a notification lasts (renewed while its send runs): after a crash,
   * the time before another sender may send that email.
   */
  EMAIL_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** On SIGTERM, how long the pollers get to finish the batch in flight before the pools close. */
  CONSUMER_STOP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
});

export type NotifyEnv = z.output<typeof envSchema>;
export const loadEnv = (source?: Record<string, string | undefined>) => parseEnv(envSchema, source);
