extension ModelArtifact {
    /// Checks everything a scorer relies on, so that scoring a validated artifact cannot trap
    /// or loop: the format, the presence of the model object, finite numbers, feature indices
    /// and child references in range, every node and leaf reached exactly once from the root
    /// (hence no cycles), categorical splits only on categorical features.
    ///
    /// O(total nodes + terms + levels).
    /// - Throws: `ArtifactValidationError` naming the first offending field.
    public func validate() throws(ArtifactValidationError) {
        guard format == Self.currentFormat else {
            throw ArtifactValidationError(location: "format", problem: "\"\(format)\" is not supported (expected \"\(Self.currentFormat)\")")
        }
        guard link == "logistic" else {
            throw ArtifactValidationError(location: "link", problem: "\"\(link)\" is not supported (expected \"logistic\")")
        }
        guard !features.isEmpty else { throw ArtifactValidationError(location: "features", problem: "no features") }
        var seenNames = Set<String>()
        for (index, feature) in features.enumerated() {
            guard seenNames.insert(feature.name).inserted else {
                throw ArtifactValidationError(location: "features[\(index)].name", problem: "\"\(feature.name)\" appears twice")
            }
            if feature.type == .categorical {
                for position in feature.levels.indices.dropFirst()
                where !Array(feature.levels[position - 1].utf8).lexicographicallyPrecedes(Array(feature.levels[position].utf8)) {
                    throw ArtifactValidationError(location: "features[\(index)].levels[\(position)]", problem: "levels are not strictly sorted by UTF-8 bytes")
                }
            } else if !feature.levels.isEmpty {
                throw ArtifactValidationError(location: "features[\(index)].levels", problem: "a numeric feature has levels")
            }
        }
        switch modelType {
        case .gbdt:
            guard let gbdt, logistic == nil else {
                throw ArtifactValidationError(location: "gbdt", problem: "model_type gbdt needs a gbdt object and no logistic object")
            }
            try finite(gbdt.initialScore, "gbdt.initial_score")
            for (index, tree) in gbdt.trees.enumerated() { try validate(tree, location: "gbdt.trees[\(index)]") }
        case .logistic:
            guard let logistic, gbdt == nil else {
                throw ArtifactValidationError(location: "logistic", problem: "model_type logistic needs a logistic object and no gbdt object")
            }
            try finite(logistic.intercept, "logistic.intercept")
            if let error = logistic.interceptStandardError { try finite(error, "logistic.intercept_standard_error") }
            for (index, term) in logistic.terms.enumerated() {
                let location = "logistic.terms[\(index)]"
                guard features.indices.contains(term.feature) else {
                    throw ArtifactValidationError(location: "\(location).feature", problem: "\(term.feature) is not a feature index (0..<\(features.count))")
                }
                try finite(term.coefficient, "\(location).coefficient")
                if let error = term.standardError { try finite(error, "\(location).standard_error") }
                let feature = features[term.feature]
                switch term.kind {
                case .numeric:
                    guard feature.type == .numeric, let missing = term.missingValue, term.level == nil else {
                        throw ArtifactValidationError(location: location, problem: "a numeric term needs a numeric feature and a missing_value, and no level")
                    }
                    try finite(missing, "\(location).missing_value")
                case .indicator:
                    guard feature.type == .categorical, let level = term.level, feature.levels.indices.contains(level), term.missingValue == nil else {
                        throw ArtifactValidationError(location: location, problem: "an indicator term needs a categorical feature and a level index within its levels")
                    }
                }
            }
        }
    }

    private func finite(_ value: Double, _ location: String) throws(ArtifactValidationError) {
        guard value.isFinite else { throw ArtifactValidationError(location: location, problem: "\(value) is not a finite number") }
    }

    private func validate(_ tree: TreeArtifact, location: String) throws(ArtifactValidationError) {
        let nodes = tree.splitFeature.count
        let lengths: [(String, Int)] = [
            ("threshold", tree.threshold.count), ("default_left", tree.defaultLeft.count), ("categorical", tree.categorical.count),
            ("left_categories", tree.leftCategories.count), ("left_child", tree.leftChild.count), ("right_child", tree.rightChild.count),
            ("split_gain", tree.splitGain.count), ("internal_count", tree.internalCount.count),
        ]
        for (name, count) in lengths where count != nodes {
            throw ArtifactValidationError(location: "\(location).\(name)", problem: "has \(count) entries, split_feature has \(nodes)")
        }
        guard tree.leafValue.count == nodes + 1 else {
            throw ArtifactValidationError(location: "\(location).leaf_value", problem: "has \(tree.leafValue.count) entries, a tree with \(nodes) splits has \(nodes + 1) leaves")
        }
        guard tree.leafCount.count == nodes + 1 else {
            throw ArtifactValidationError(location: "\(location).leaf_count", problem: "has \(tree.leafCount.count) entries, expected \(nodes + 1)")
        }
        for (leaf, value) in tree.leafValue.enumerated() { try finite(value, "\(location).leaf_value[\(leaf)]") }
        for node in 0..<nodes {
            let feature = tree.splitFeature[node]
            guard features.indices.contains(feature) else {
                throw ArtifactValidationError(location: "\(location).split_feature[\(node)]", problem: "\(feature) is not a feature index (0..<\(features.count))")
            }
            try finite(tree.threshold[node], "\(location).threshold[\(node)]")
            try finite(tree.splitGain[node], "\(location).split_gain[\(node)]")
            if tree.categorical[node] {
                guard features[feature].type == .categorical else {
                    throw ArtifactValidationError(location: "\(location).categorical[\(node)]", problem: "a categorical split on the numeric feature \"\(features[feature].name)\"")
                }
                guard !tree.defaultLeft[node] else {
                    throw ArtifactValidationError(location: "\(location).default_left[\(node)]", problem: "categorical nodes send missing values right (default_left must be false)")
                }
                guard tree.leftCategories[node].allSatisfy({ $0 >= 0 }) else {
                    throw ArtifactValidationError(location: "\(location).left_categories[\(node)]", problem: "category codes must be >= 0")
                }
            } else if !tree.leftCategories[node].isEmpty {
                throw ArtifactValidationError(location: "\(location).left_categories[\(node)]", problem: "a numeric node lists categories")
            }
        }
        // Every internal node except the root, and every leaf, must be some node's child exactly
        // once; with n nodes and n + 1 leaves and 2n child slots this makes the graph a tree
        // rooted at node 0, so traversal always ends at a leaf.
        var nodeSeen = [Bool](repeating: false, count: nodes)
        var leafSeen = [Bool](repeating: false, count: nodes + 1)
        for node in 0..<nodes {
            for (name, child) in [("left_child", tree.leftChild[node]), ("right_child", tree.rightChild[node])] {
                let field = "\(location).\(name)[\(node)]"
                if child >= 0 {
                    guard child < nodes, child != 0 else {
                        throw ArtifactValidationError(location: field, problem: "\(child) is not a non-root internal node (1..<\(nodes))")
                    }
                    guard !nodeSeen[child] else { throw ArtifactValidationError(location: field, problem: "node \(child) has two parents") }
                    nodeSeen[child] = true
                } else {
                    let leaf = -(child + 1)
                    guard leaf <= nodes else {
                        throw ArtifactValidationError(location: field, problem: "leaf \(leaf) does not exist (0..<\(nodes + 1))")
                    }
                    guard !leafSeen[leaf] else { throw ArtifactValidationError(location: field, problem: "leaf \(leaf) has two parents") }
                    leafSeen[leaf] = true
                }
            }
        }
        // Reachability from the root rules out a detached cycle among non-root nodes.
        var reached = 0
        var stack = nodes > 0 ? [0] : []
        while let node = stack.popLast() {
            reached += 1
            for child in [tree.leftChild[node], tree.rightChild[node]] where child >= 0 { stack.append(child) }
            if reached > nodes { break }
        }
        guard reached == nodes else {
            throw ArtifactValidationError(location: location, problem: "only \(reached) of \(nodes) internal nodes are reachable from the root (a cycle or a detached node)")
        }
    }
}
