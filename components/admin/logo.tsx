/** CRM Bridge's mark: two points joined by an arc. Decorative; the name is always beside it. */
export function Logo({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className={`shrink-0 ${className}`}>
      <rect width="32" height="32" rx="8" className="fill-blue-700 dark:fill-blue-500" />
      <g className="fill-none stroke-white" strokeLinecap="round">
        <path d="M6 21h20" strokeWidth="2.5" />
        <path d="M8 21c2.5-8 13.5-8 16 0" strokeWidth="2.5" />
        <path d="M12 21v-3.5M16 21v-5M20 21v-3.5" strokeWidth="1.5" />
      </g>
    </svg>
  );
}
