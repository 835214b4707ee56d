// swift-tools-version: 6.0
// The workbench: offline experimentation and model training for feature-flag platforms.
// Swift 6 language mode (the default for tools-version 6.0).
import PackageDescription

let package = Package(
    name: "workbench",
    products: [
        .executable(name: "workbench", targets: ["workbench-cli"]),
        .library(name: "Stats", targets: ["Stats"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Workbench", targets: ["Workbench"]),
    ],
    dependencies: [
        // Command-line parsing for the thin `workbench` executable.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML for experiment specs and rollout policies (a public, human-edited format).
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // SHA-256 checksums of model artifacts and training data; SHA-1/MD5/SHA-256 for
        // re-computing flag services' bucketing hashes in assignment audits.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // OpenBLAS + LAPACKE as a system library: dense linear algebra for the models.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // zlib as a system library: streaming gzip decompression of exports.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "Stats"),
        .target(name: "Models", dependencies: ["CBLAS"]),
        .target(
            name: "Workbench",
            dependencies: [
                "Stats", "Models", "CZlib", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "workbench-cli",
            dependencies: ["Workbench", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "StatsTests", dependencies: ["Stats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ModelsTests", dependencies: ["Models"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WorkbenchTests", dependencies: ["Workbench"], resources: [.copy("Fixtures")]),
    ]
)
