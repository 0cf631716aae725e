/// The tests' one seeded random source (SplitMix64): a seed reproduces a whole run, so a failing
/// case can be run again from the seed its message names.
///
/// ```swift
/// var random = SeededRandom(seed: 7)
/// let round = Int.random(in: 1...22, using: &random)
/// ```
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A test's `Int` argument as the seed (its bit pattern: negative seeds are seeds too).
    public init(seed: Int) { self.init(seed: UInt64(bitPattern: Int64(seed))) }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
