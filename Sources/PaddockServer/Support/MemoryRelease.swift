#if canImport(Glibc)
    import Glibc
#endif

/// Gives memory freed after a large catch-up back to the system.
///
/// glibc's allocator keeps the pages of freed blocks for reuse (in one arena per thread that
/// allocated them); after folding hundreds of thousands of events, the pages read and decoded on
/// the way stay resident though nothing uses them. `malloc_trim` returns them. Elsewhere (macOS)
/// it does nothing.
///
/// ```swift
/// if folded >= MemoryRelease.afterEvents { MemoryRelease.now() }
/// ```
enum MemoryRelease {
    /// A catch-up folding this many events or more releases memory afterwards.
    static let afterEvents = 50_000

    static func now() { _ = trim?(0) }

    /// glibc's `malloc_trim`, looked up at run time (Swift's Glibc module does not export malloc.h).
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
            if let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") {
                return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
            }
        #endif
        return nil
    }()
}
