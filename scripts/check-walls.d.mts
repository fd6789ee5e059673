/** Every breach of the walls the linter cannot hold in one file, as `path:line: why`. */
export declare const breaches: (file: string, text: string) => string[];
