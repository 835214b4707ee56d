import Foundation
import Testing

@testable import Models

/// Shared data for the gradient-boosting tests: the LightGBM fixture and small synthetic sets.
enum GradientBoostingTestData {
    struct Split {
        var training: GradientBoostingDataset
        var test: GradientBoostingDataset
    }

    /// `Fixtures/gbdt/data.csv`: 3000 training and 1500 test rows, categorical columns 6 and 7.
    static func fixture() throws -> Split {
        let text = String(decoding: try fixtureData("gbdt/data.csv"), as: UTF8.self)
        var lines = text.split(separator: "\n")
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let featureCount = header.count - 2
        var train: [[Double]] = [], test: [[Double]] = []
        var trainLabels: [Double] = [], testLabels: [Double] = []
        for line in lines {
            let cells = line.split(separator: ",").map { Double($0) ?? .nan }
            if cells[featureCount + 1] == 1 {
                test.append(Array(cells[0..<featureCount])); testLabels.append(cells[featureCount])
            } else {
                train.append(Array(cells[0..<featureCount])); trainLabels.append(cells[featureCount])
            }
        }
        func dataset(_ rows: [[Double]], _ labels: [Double]) throws -> GradientBoostingDataset {
            try GradientBoostingDataset(
                columnMajorValues: columnMajor(rows), rowCount: rows.count, featureNames: Array(header[0..<featureCount]),
                categoricalFeatures: [6, 7], labels: labels)
        }
        return Split(training: try dataset(train, trainLabels), test: try dataset(test, testLabels))
    }

    /// Row-major rows to a column-major buffer.
    static func columnMajor(_ rows: [[Double]]) -> [Double] {
        guard let width = rows.first?.count else { return [] }
        var values = [Double](repeating: 0, count: rows.count * width)
        for (row, cells) in rows.enumerated() { for (column, value) in cells.enumerated() { values[column * rows.count + row] = value } }
        return values
    }

    /// Row `row` of a dataset as a feature vector.
    static func row(_ dataset: GradientBoostingDataset, _ row: Int) -> [Double] {
        (0..<dataset.featureCount).map { dataset.values[$0 * dataset.rowCount + row] }
    }

    /// ROC AUC by the rank-sum (Mann-Whitney) formula with mid-ranks for ties.
    static func areaUnderCurve(labels: [Double], scores: [Double]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var ranks = [Double](repeating: 0, count: scores.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            for k in start...end { ranks[order[k]] = Double(start + end) / 2 + 1 }
            start = end + 1
        }
        let positives = labels.filter { $0 == 1 }.count
        let negatives = labels.count - positives
        var rankSum = 0.0
        for index in labels.indices where labels[index] == 1 { rankSum += ranks[index] }
        return (rankSum - Double(positives * (positives + 1)) / 2) / Double(positives * negatives)
    }

    /// A seeded synthetic binary problem: `features` numeric columns, the first with 20% missing.
    static func synthetic(rows: Int, features: Int = 5, seed: UInt64 = 1) throws -> GradientBoostingDataset {
        var generator = SeededGenerator(seed: seed)
        var table: [[Double]] = []
        var labels: [Double] = []
        for _ in 0..<rows {
            var cells = (0..<features).map { _ in generator.nextUniform() * 2 - 1 }
            var logit = 2 * cells[1] - cells[2] * cells[2] + (features > 3 ? cells[3] * cells[0] : 0)
            if generator.nextUniform() < 0.2 {
                cells[0] = .nan
                logit += 1
            }
            labels.append(generator.nextUniform() < 1 / (1 + exp(-logit)) ? 1 : 0)
            table.append(cells)
        }
        return try GradientBoostingDataset(columnMajorValues: columnMajor(table), rowCount: rows, labels: labels)
    }
}
