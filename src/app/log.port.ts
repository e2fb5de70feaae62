// The structured log the roles and services write to (pino's call shape: fields first, then the
// message). A role that only warns can take Pick<Log, 'warn' | 'error'>.

export interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
