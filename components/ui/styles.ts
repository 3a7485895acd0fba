// Class names shared by buttons, fields and cards, so every page looks alike. A disabled
// button looks disabled (grey, no hover, a not-allowed cursor), never like a dimmed live one.
export const buttonPrimary =
  "inline-flex items-center justify-center gap-1.5 rounded-lg bg-blue-700 px-3.5 py-2 text-sm font-medium text-white shadow-sm not-disabled:hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:bg-gray-200 disabled:text-gray-600 disabled:shadow-none dark:bg-blue-600 dark:not-disabled:hover:bg-blue-500 dark:disabled:bg-gray-800 dark:disabled:text-gray-400";
export const buttonSecondary =
  "inline-flex items-center justify-center gap-1.5 rounded-lg border border-gray-300 bg-white px-3.5 py-2 text-sm font-medium text-gray-800 shadow-sm not-disabled:hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:bg-gray-100 disabled:text-gray-600 disabled:shadow-none dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100 dark:not-disabled:hover:bg-gray-800 dark:disabled:bg-gray-800 dark:disabled:text-gray-400";
export const buttonQuiet =
  "inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-gray-700 not-disabled:hover:bg-gray-100 not-disabled:hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:text-gray-500 dark:text-gray-300 dark:not-disabled:hover:bg-gray-800 dark:not-disabled:hover:text-white";
export const buttonDanger =
  "inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-red-700 not-disabled:hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600 disabled:cursor-not-allowed disabled:text-gray-500 dark:text-red-300 dark:not-disabled:hover:bg-red-950";
export const field =
  "block w-full rounded-lg border border-gray-300 bg-white px-3 py-2 text-sm text-gray-900 shadow-sm placeholder:text-gray-500 focus:border-blue-600 focus:outline-2 focus:outline-blue-600/30 aria-[invalid=true]:border-red-600 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100 dark:placeholder:text-gray-400 dark:aria-[invalid=true]:border-red-400";
export const fieldLabel = "mb-1 block text-sm font-medium text-gray-800 dark:text-gray-200";
export const card =
  "rounded-xl border border-gray-200 bg-white p-4 shadow-sm sm:p-5 dark:border-gray-800 dark:bg-gray-900";
export const link = "font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300";
