import Foundation
import PaddockTestSupport
import Testing

/// Says whether the F1DB suites ran: skipped, naming the folder, on a machine without
/// `../shared/f1db`; failed under CI, which has it, so that they are never skipped there unnoticed.
@Suite("F1DB snapshot")
struct F1DBAvailabilityTests {
    @Test(
        "the F1DB suites run",
        .enabled(
            if: TestEnvironment.hasF1DB || TestEnvironment.underCI,
            "\(TestEnvironment.f1db.path) is missing: the F1DB suites are skipped"))
    func f1dbIsPresent() throws {
        #expect(TestEnvironment.hasF1DB, "\(TestEnvironment.f1db.path) is missing: under CI the F1DB suites must run")
        let seasons = try FileManager.default.contentsOfDirectory(atPath: f1db.appendingPathComponent("data/seasons").path)
        #expect(seasons.contains("1950"), "\(f1db.path)/data/seasons has no 1950")
    }
}
