// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "yibao",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "yibao", targets: ["yibao"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
    .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
    .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.0"),
    .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
  ],
  targets: [
    // Domain: pure Swift, no I/O, no framework types.
    .target(name: "Money"),
    .target(name: "Registry", dependencies: ["Money"]),
    .target(name: "Policy", dependencies: ["Money", "Registry", .product(name: "Yams", package: "Yams")]),
    .target(name: "Settlement", dependencies: ["Money", "Registry", "Policy"]),
    // Adapters.
    .target(
      name: "Store",
      dependencies: [
        "Money", "Registry", "Policy", "Settlement",
        .product(name: "SQLKit", package: "sql-kit"),
        .product(name: "SQLiteKit", package: "sqlite-kit"),
        .product(name: "PostgresKit", package: "postgres-kit"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
      ]),
    .target(
      name: "NationalInterface",
      dependencies: [
        "Money", "Registry", "Policy", "Settlement", "Store", .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .target(
      name: "Server",
      dependencies: [
        "NationalInterface", "Store", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]),
    // Simulated HIS clients over HTTP: the benchmark and the integrity tests.
    .target(
      name: "Workload",
      dependencies: [
        "Money", "NationalInterface", "Store", .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]),
    .executableTarget(
      name: "yibao",
      dependencies: [
        "Server", "Store", "Policy", "NationalInterface", "Workload",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]),
    .testTarget(name: "MoneyTests", dependencies: ["Money"]),
    .testTarget(name: "RegistryTests", dependencies: ["Registry", "Money"]),
    .testTarget(name: "PolicyTests", dependencies: ["Policy"]),
    .testTarget(
      name: "SettlementTests",
      dependencies: ["Settlement", "Policy", .product(name: "Yams", package: "Yams")],
      exclude: ["Scenarios"]),
    .testTarget(
      name: "InterfaceTests",
      dependencies: [
        "Server", "NationalInterface", "Store", "Workload",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SQLKit", package: "sql-kit"),
      ]),
  ]
)
