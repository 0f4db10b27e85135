import { z } from "zod";

/**
 * AWS client settings from the environment. With AWS_ENDPOINT_URL set (fauxqs, LocalStack) every
 * client talks to that emulator; without it, the SDK's normal credential chain and real AWS are used.
 */
export const awsEnvShape = {
  AWS_REGION: z.string().default("us-east-1"),
  AWS_ENDPOINT_URL: z.url().optional(),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  ORDER_EVENTS_TOPIC: z.string().default("order-events"),
};

export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function awsClientConfig(env: {
  AWS_REGION: string;
  AWS_ENDPOINT_URL?: string | undefined;
  AWS_ACCESS_KEY_ID?: string | undefined;
  AWS_SECRET_ACCESS_KEY?: string | undefined;
}): AwsClientConfig {
  const config: AwsClientConfig = { region: env.AWS_REGION };
  if (env.AWS_ENDPOINT_URL) {
    config.endpoint = env.AWS_ENDPOINT_URL;
    // Emulators accept any credentials; never require real ones for local runs.
    config.credentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? "test",
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? "test",
    };
  }
  return config;
}
