/** @type {import('next').NextConfig} */
const nextConfig = {
  // Security headers that depend on run-time configuration (frame-ancestors) are set
  // where the request is handled (proxy.ts, route handlers), never here: headers()
  // below is fixed at build time.
  poweredByHeader: false,
  // unauthorized(): server actions of the admin pages answer 401 without a session.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
};

export default nextConfig;
