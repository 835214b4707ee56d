import Foundation
import Testing

@testable import Models

/// Binning: bins agree with the raw thresholds trees store, and the special bins behave.
@Suite struct FeatureBinMapperTests {
    /// `bin(x) <= t` exactly when `x <= upperBounds[t]`, so binned training decisions and raw
    /// thresholds at prediction agree; at most maxBins bins; a zero bin around 0.
    @Test(arguments: [16, 255]) func binsAgreeWithThresholds(maximumBins: Int) {
        var generator = SeededGenerator(seed: 2)
        let sample = (0..<20_000).map { index -> Double in
            index % 10 == 0 ? .nan : index % 7 == 0 ? 0 : (generator.nextUniform() - 0.3) * 100
        }
        let mapper = FeatureBinMapper(numericSample: sample, maximumBins: maximumBins, minimumBinCount: 3)
        #expect(mapper.binCount <= maximumBins + 1)
        #expect(mapper.valueBinCount <= maximumBins - 1, "the missing bin counts within maxBins when NaN is present")
        #expect(mapper.upperBounds.contains(FeatureBinMapper.zeroThreshold))
        #expect(mapper.bin(of: .nan) == mapper.missingBin)
        #expect(mapper.bin(of: .infinity) == mapper.valueBinCount - 1)
        #expect(mapper.bin(of: -.infinity) == 0)
        for value in sample.prefix(3000) + [0, -1e-36, 1e-36, 1e-30, -1e-30] where !value.isNaN {
            let bin = mapper.bin(of: value)
            for threshold in 0..<(mapper.valueBinCount - 1) {
                #expect((bin <= threshold) == (value <= mapper.upperBounds[threshold]))
            }
        }
        // Bins hold similar numbers of sample rows (greedy equal frequency), zero bin aside.
        var counts = [Int](repeating: 0, count: mapper.binCount)
        for value in sample { counts[mapper.bin(of: value)] += 1 }
        let zeroBin = mapper.bin(of: 0)
        let valueCounts = counts[0..<mapper.valueBinCount].enumerated().filter { $0.offset != zeroBin }.map(\.element)
        #expect(valueCounts.max()! <= 3 * valueCounts.min()! + 3)
    }

    /// The four-lane search used for whole columns equals the scalar `bin(of:)`.
    @Test func fourLaneSearchEqualsScalarSearch() {
        var generator = SeededGenerator(seed: 3)
        let sample = (0..<5000).map { _ in (generator.nextUniform() - 0.5) * 10 }
        let mapper = FeatureBinMapper(numericSample: sample + [.nan], maximumBins: 255, minimumBinCount: 3)
        let probes = (0..<4000).map { index -> Double in
            switch index % 50 {
            case 0: return .nan
            case 1: return .infinity
            case 2: return -.infinity
            case 3: return 0
            default: return (generator.nextUniform() - 0.5) * 12
            }
        }
        mapper.upperBounds.withUnsafeBufferPointer { bounds in
            for start in stride(from: 0, to: probes.count, by: 4) {
                let lanes = mapper.numericBins(SIMD4(probes[start..<(start + 4)]), bounds: bounds)
                for lane in 0..<4 { #expect(lanes[lane] == mapper.bin(of: probes[start + lane])) }
            }
        }
    }

    /// Few distinct values: one bin each (merged only below min_data_in_bin), edges at midpoints.
    @Test func fewDistinctValuesGetOwnBins() {
        // 2 occurs once, below min_data_in_bin 3, so it shares the bin of 4; the tail bin (7)
        // may stay small, as LightGBM's.
        let sample = [1.0, 1, 1, 2, 4, 4, 4, 7]
        let mapper = FeatureBinMapper(numericSample: sample, maximumBins: 255, minimumBinCount: 3)
        #expect(mapper.upperBounds == [FeatureBinMapper.zeroThreshold, 1.5, 5.5, .infinity])
        let single = FeatureBinMapper(numericSample: [5, 5, 5], maximumBins: 255)
        #expect(single.upperBounds == [.infinity])
    }

    /// Categorical: most frequent codes first; unseen, negative, NaN go to the other bin.
    @Test func categoricalBins() {
        let mapper = FeatureBinMapper(categoricalSample: [3, 3, 3, 1, 1, 8, .nan], maximumBins: 255)
        #expect(mapper.binCategories == [3, 1, 8])
        #expect(mapper.bin(of: 3) == 0 && mapper.bin(of: 8) == 2)
        #expect(mapper.bin(of: 5) == mapper.missingBin)
        #expect(mapper.bin(of: .nan) == mapper.missingBin)
        #expect(mapper.bin(of: -1) == mapper.missingBin)
    }
}
