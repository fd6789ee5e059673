export type Requirement = { path: string; debianPackage: string; why: string; unlessEnv?: string };
export type SetupPlan = {
  action: 'ready' | 'install' | 'ask';
  missing: Requirement[];
  packages: string[];
  command: string;
};
export declare const REQUIREMENTS: Requirement[];
export declare const planSetup: (input: {
  requirements: Requirement[];
  isPresent: (path: string) => boolean;
  isRoot: boolean;
  hasAptGet: boolean;
}) => SetupPlan;
export declare const ensureRequirements: (options?: {
  requirements?: Requirement[];
  log?: (line: string) => void;
}) => boolean;
