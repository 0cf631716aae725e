import Testing

extension Tag {
    /// Suites that take more than a few seconds in a debug build (F1DB imports, fuzzing, load and
    /// crash tests, the command line run as a process). `Tools/fast-tests` runs everything else.
    ///
    /// ```swift
    /// @Suite(.tags(.slow)) struct LiveFeedLoadTests { … }
    /// ```
    @Tag public static var slow: Self
}
