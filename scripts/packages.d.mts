export declare const ROOT: string;
export declare function readManifest(dir: string): {
  name: string;
  private?: boolean;
  [field: string]: unknown;
};
/** Absolute paths of the workspace folders, in the root package.json's order. */
export declare function workspaces(): string[];
/** Absolute paths of the workspaces that are published. */
export declare function publishableWorkspaces(): string[];
