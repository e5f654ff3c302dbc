/** What a model is asked to resolve: one file's three versions and why rules could not. */
export interface ResolutionRequest {
  path: string;
  base: string | null;
  ours: string;
  theirs: string;
  reason: string;
}

/** A language model that proposes a whole-file resolution of a CONCURRENT conflict. */
export interface ResolutionModel {
  /** Shown in the suggestion's description, e.g. `claude-sonnet-4-5`. */
  readonly name: string;
  /** The whole resolved file, or null when the model declines. */
  resolve(request: ResolutionRequest): Promise<string | null>;
}
