// Where the sign-in page sends someone back to: only a path inside the admin pages, so a
// crafted sign-in link cannot forward a freshly signed-in user anywhere else.
const base = "http://admin.invalid";

function isAdminPath(pathname: string): boolean {
  return (pathname === "/admin" || pathname.startsWith("/admin/")) && !pathname.startsWith("/admin/login");
}

export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/admin";
  if (!URL.canParse(value, base)) return "/admin";
  const url = new URL(value, base);
  return url.origin === base && isAdminPath(url.pathname) ? `${url.pathname}${url.search}` : "/admin";
}
