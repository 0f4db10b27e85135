/** What other components may know about a user: never the password hash. */
export const publicUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  emailVerified: true,
  createdAt: true,
} as const;

/** For the BFF's session checks and other services: the public fields plus the session version. */
export const sessionUserSelect = { ...publicUserSelect, sessionVersion: true } as const;
