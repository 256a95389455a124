import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/graphql/role.enum';
import type { TestServer } from './test-server';

/** Bearer headers of a fresh key with `role` on the test server's database. */
export async function keyHeaders(
  server: TestServer,
  role: Role = Role.EDITOR,
  name = `${role.toLowerCase()}-test`,
): Promise<Record<string, string>> {
  const { token } = await createApiKey(server.db.query, name, role);
  return { authorization: `Bearer ${token}` };
}
