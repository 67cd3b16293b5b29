// Guards a page by permission. Hiding the menu item is not enough: a typed or bookmarked URL must
// land on a 403 page, not on a page whose every request fails.
import type { ReactNode } from 'react';
import { useAuth } from '../auth';
import { Forbidden } from './Forbidden';

export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const { can } = useAuth();
  if (permission && !can(permission)) return <Forbidden />;
  return <>{children}</>;
}
