export declare const ROOT: string;
/** The workspace folders the build compiles, from the solution config's references. */
export declare function builtWorkspaces(): string[];
/** Builds every workspace; throws when tsc reports errors. */
export declare function build(options?: { quiet?: boolean }): void;
