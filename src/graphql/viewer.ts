import type { Role } from './role.enum';

/** Who is making a request: the API key that signed it, or null for anonymous readers. */
export interface Viewer {
  keyId: number;
  name: string;
  role: Role;
}
