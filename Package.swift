// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Paddock",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "paddock", targets: ["PaddockCLI"]),
        .library(name: "Chronology", targets: ["Chronology"]),
        .library(name: "EventStore", targets: ["EventStore"]),
        .library(name: "PostgresEventStore", targets: ["PostgresEventStore"]),
        .library(name: "JSONToolkit", targets: ["JSONToolkit"]),
        .library(name: "SeasonDomain", targets: ["SeasonDomain"]),
        .library(name: "Projections", targets: ["Projections"]),
        .library(name: "Paddock", targets: ["Paddock"]),
        .library(name: "Credentials", targets: ["Credentials"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0")
    ],
    targets: [
        // JSON over bytes: one scanner (exact texts, bounded depth, positions), one writer. Knows nothing of motorsport.
        .target(name: "JSONToolkit"),
        // ISO-8601 texts the log and the domain share: an event's occurredAt, partial dates and civil-date arithmetic. No dependencies.
        .target(name: "Chronology"),
        // The generic, append-only, hash-chained event log. Knows nothing of motorsport.
        .target(
            name: "EventStore",
            dependencies: [
                "Chronology",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        // The same log on PostgreSQL (postgres-nio, no ORM): several services on one database.
        .target(
            name: "PostgresEventStore",
            dependencies: [
                "EventStore",
                "Chronology",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        // Bearer credentials (the application's, not the log's): their rules, tokens and hashes, and
        // one adapter per backend keeping their table beside the log, with migrations of its own.
        .target(
            name: "Credentials",
            dependencies: [
                "EventStore",
                "PostgresEventStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        // The season domain's language: typed, versioned events. No storage, no I/O. Its dates are Chronology's.
        .target(name: "SeasonDomain", dependencies: ["JSONToolkit", "Chronology"]),
        // Read models as pure folds: standings, explanations, title maths, careers, calendars.
        .target(name: "Projections", dependencies: ["SeasonDomain", "Chronology"]),
        // The application layer: NDJSON envelopes, validated appends, import and export, projections kept up to date.
        .target(
            name: "Paddock",
            dependencies: ["EventStore", "Chronology", "JSONToolkit", "SeasonDomain", "Projections", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // F1DB (the open Formula 1 database, YAML) turned into events through the same append path.
        .target(
            name: "F1DB",
            dependencies: ["Paddock", "EventStore", "Chronology", "SeasonDomain", "Projections", .product(name: "Yams", package: "Yams")]
        ),
        // The web app's pages as HTML (and SVG charts), rendered from the projections' documents; its style sheet and script.
        .target(
            name: "PaddockWeb",
            dependencies: ["Paddock", "Projections", "SeasonDomain", "EventStore", "Chronology", "JSONToolkit"],
            resources: [.copy("Assets/Resources")]
        ),
        // The HTTP service: recording live and reading any cut, with a live feed, auth and an OpenAPI document.
        .target(
            name: "PaddockServer",
            dependencies: [
                "Paddock",
                "PaddockWeb",
                "Credentials",
                "EventStore",
                "Chronology",
                "JSONToolkit",
                "SeasonDomain",
                "Projections",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio")
            ],
            resources: [.copy("openapi.json")]
        ),
        // The demo seasons and the F1 rules catalogue, shipped with the binary as resources (the
        // target is EventLog/ itself, so the data has one home).
        .target(name: "PaddockData", path: "EventLog", resources: [.copy("demo"), .copy("rules"), .copy("aliases")]),
        // The `paddock` command line.
        .executableTarget(
            name: "PaddockCLI",
            dependencies: [
                "Paddock",
                "PaddockData",
                "F1DB",
                "PaddockServer",
                "Credentials",
                "PostgresEventStore",
                "EventStore",
                "Chronology",
                "SeasonDomain",
                "Projections",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]
        ),
        // Drivers that live in Tools/: benchmarks against a raw SQLite baseline, the live feed's load client, and the crash test's child.
        .executableTarget(
            name: "paddock-bench",
            dependencies: [
                "Paddock",
                "EventStore",
                "Chronology",
                "SeasonDomain",
                "Projections",
                "PostgresEventStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDBSQLite", package: "GRDB.swift")
            ],
            path: "Tools/Benchmarks"
        ),
        .executableTarget(name: "paddock-sse-load", path: "Tools/SSELoad"),
        // Fuzzing (Tools/fuzz, FuzzTests): the targets, their properties, a mutator and the seed corpus.
        .target(
            name: "PaddockFuzzing", dependencies: ["Paddock", "F1DB", "JSONToolkit", "SeasonDomain", "EventStore", "Chronology"], path: "Tools/Fuzz/Targets"),
        // libFuzzer's entry points when built by Tools/fuzz (-sanitize=fuzzer); else a reproducer of saved inputs.
        .executableTarget(name: "paddock-fuzz", dependencies: ["PaddockFuzzing"], path: "Tools/Fuzz/Driver"),
        .executableTarget(
            name: "paddock-crashdriver",
            dependencies: ["EventStore"],
            path: "Tools/CrashDriver"
        ),
        // What the test targets share: a temporary store that cleans up after itself, the fixtures'
        // paths and environment, one seeded random source, and the `slow` tag.
        .target(name: "PaddockTestSupport", dependencies: ["EventStore"], path: "Tests/PaddockTestSupport"),
        .testTarget(
            name: "EventStoreTests",
            dependencies: [
                "EventStore", "Chronology", "PostgresEventStore", "Credentials", "paddock-crashdriver", "PaddockTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        .testTarget(name: "JSONToolkitTests", dependencies: ["JSONToolkit"]),
        .testTarget(name: "SeasonDomainTests", dependencies: ["SeasonDomain", "PaddockTestSupport"]),
        .testTarget(name: "F1DBTests", dependencies: ["F1DB", "Paddock", "EventStore", "SeasonDomain", "Projections", "PaddockTestSupport"]),
        .testTarget(
            name: "PaddockServerTests",
            dependencies: [
                "PaddockServer",
                "Paddock",
                "Credentials",
                "EventStore",
                "SeasonDomain",
                "PaddockTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                "PostgresEventStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        .testTarget(name: "PaddockWebTests", dependencies: ["PaddockWeb", "Paddock", "Projections", "EventStore"]),
        .testTarget(
            name: "ProjectionsTests",
            dependencies: ["Projections", "SeasonDomain", "PaddockTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "PaddockTests",
            dependencies: [
                "Paddock", "PaddockCLI", "EventStore", "Projections", "SeasonDomain", "PostgresEventStore", "PaddockTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        .testTarget(name: "FuzzTests", dependencies: ["PaddockFuzzing", "F1DB", "Paddock", "JSONToolkit", "SeasonDomain", "EventStore", "PaddockTestSupport"])
    ]
)
