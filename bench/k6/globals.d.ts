// k6 provides a console to scripts; @types/k6 does not declare it, and the DOM
// lib would declare far more than k6 has.
declare const console: {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
};
