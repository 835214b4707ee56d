// swift-tools-version: 6.0
// Swift side of the benchmark harness: small executables that time the workbench libraries
// on the same data files the Python peers read. Kept out of the main package so benchmark
// code never ships with the workbench; `benchmarks/run.sh` builds it in release mode.
import Foundation
import PackageDescription

// A path dependency's identity is its folder name (`workbench` in a plain clone, the worktree
// name elsewhere), so derive it instead of hard-coding it.
let workbenchPackage = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "workbench-benchmarks",
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        // Whole jobs through the public API: GBDT training and prediction, logistic regression.
        .executableTarget(
            name: "workbench-bench",
            dependencies: [.product(name: "Models", package: workbenchPackage)]
        ),
        // Hot loops through internal API (`@testable import`): build with
        // `-Xswiftc -enable-testing` in its own scratch path (run.sh --micro does).
        .executableTarget(
            name: "workbench-micro",
            dependencies: [
                .product(name: "Models", package: workbenchPackage),
                .product(name: "Workbench", package: workbenchPackage),
            ]
        ),
    ]
)
