import Foundation
import PaddockFuzzing

// Two builds of one driver:
// - with `-sanitize=fuzzer -D PADDOCK_LIBFUZZER` (Tools/fuzz): libFuzzer's entry points; libFuzzer
//   supplies `main`. The target comes from PADDOCK_FUZZ_TARGET; PADDOCK_FUZZ_WRITE_SEEDS=DIR writes
//   the seed corpus and exits.
// - plain (`swift build`): a reproducer, `paddock-fuzz TARGET FILE...` runs saved inputs (a crash
//   artifact, a finding) through the same checks and prints what each did.

/// One line on standard error.
func printError(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

#if PADDOCK_LIBFUZZER

    nonisolated(unsafe) private var session: FuzzSession!

    @_silgen_name("LLVMFuzzerMutate")
    private func libFuzzerMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int) -> Int

    @_silgen_name("LLVMFuzzerRunDriver")
    private func libFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// SwiftPM links an executable's `main` to `<product>_main`: hand the process to libFuzzer's driver
    /// (its own `main` is then not linked).
    @_cdecl("paddock_fuzz_main")
    public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        var count = argc
        var arguments = argv
        return libFuzzerRunDriver(&count, &arguments, fuzzerTestOneInput)
    }

    @_cdecl("LLVMFuzzerInitialize")
    public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>)
        -> Int32
    {
        let environment = ProcessInfo.processInfo.environment
        guard let name = environment["PADDOCK_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
            printError("PADDOCK_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
            exit(2)
        }
        do {
            session = try FuzzSession(target: target, environment: environment)
            if let directory = environment["PADDOCK_FUZZ_WRITE_SEEDS"] {
                try session.writeSeeds(to: URL(fileURLWithPath: directory))
                print("\(session.seeds.count) seeds for \(target.rawValue) in \(directory)")
                exit(0)
            }
        } catch {
            printError("paddock-fuzz: \(error)")
            exit(2)
        }
        return 0
    }

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let input = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
        do {
            try session.check(input)
        } catch {
            // A broken property is a finding like a crash: libFuzzer saves the input on abort.
            printError("FINDING \(error)")
            abort()
        }
        return 0
    }

    @_cdecl("LLVMFuzzerCustomMutator")
    public func fuzzerCustomMutator(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
        // Half libFuzzer's own byte-level mutations, half structure-aware ones over real inputs.
        if seed % 2 == 0 { return libFuzzerMutate(data, size, maxSize) }
        let mutated = session.mutate(Array(UnsafeBufferPointer(start: data, count: size)), seed: seed, maxSize: maxSize)
        mutated.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: $0.count) }
        return mutated.count
    }

#else

    @main
    struct Reproducer {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                printError("usage: paddock-fuzz TARGET FILE...   (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
                exit(2)
            }
            do {
                let session = try FuzzSession(target: target, environment: ProcessInfo.processInfo.environment)
                var failed = false
                for path in arguments.dropFirst() {
                    let input = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                    do {
                        print("\(path): \(try session.check(input))")
                    } catch {
                        print("\(path): FINDING \(error)")
                        failed = true
                    }
                }
                exit(failed ? 1 : 0)
            } catch {
                printError("paddock-fuzz: \(error)")
                exit(2)
            }
        }
    }

#endif
