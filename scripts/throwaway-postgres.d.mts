export declare const postgresInstallCommand: () => string;
export declare const postgresBinDir: () => string | undefined;
export declare const startThrowawayPostgres: (options?: { durable?: boolean }) => Promise<{
  url: string;
  version: string;
  stop: () => void;
}>;
