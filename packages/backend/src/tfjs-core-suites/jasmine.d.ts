// The part of jasmine's Node runner (the `jasmine` package) that we use: it ships no types.
declare module 'jasmine' {
  namespace Jasmine {
    interface SpecResult {
      fullName: string;
      status: 'passed' | 'failed' | 'pending' | 'excluded';
      failedExpectations: { message: string }[];
    }
    interface Reporter {
      specDone?(result: SpecResult): void;
    }
  }
  class Jasmine {
    constructor(options?: { globals?: boolean });
    /** jasmine-core, as booted for this runner. */
    jasmine: { DEFAULT_TIMEOUT_INTERVAL: number };
    env: { clearReporters(): void; addReporter(reporter: Jasmine.Reporter): void };
    exitOnCompletion: boolean;
    randomizeTests(value: boolean): void;
    /** `filterString`: a regular expression that the full names of the specs to run match. */
    execute(files?: string[], filterString?: string): Promise<{ overallStatus: string }>;
  }
  export = Jasmine;
}
