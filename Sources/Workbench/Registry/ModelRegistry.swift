import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A folder of versioned, checksummed models: `ROOT/NAME/VERSION/` with `model.json`,
/// `manifest.json`, the report files and `SHA256SUMS`.
///
/// * **Versions** are 1, 2, 3, ... per name, allocated under an exclusive `flock` on
///   `ROOT/NAME/.lock`; `ROOT/NAME/.last-version` remembers the highest number ever published,
///   so a deleted version's number is never reused.
/// * **Immutability:** an existing version folder is never written to; publishing always
///   takes a new number, and refuses if the folder exists.
/// * **Atomicity:** files are written into `ROOT/NAME/.staging-*`, each fsynced, the staging
///   folder fsynced, then renamed to `ROOT/NAME/VERSION` (one `rename(2)` on the same file
///   system) and the parent fsynced. A crash before the rename leaves only a dot-folder that
///   listing ignores; a crash after it leaves a complete version.
/// * **Integrity:** loading checks `model.json` against `model_sha256` and validates it;
///   `verify` re-hashes every file listed in the manifest and in `SHA256SUMS`.
public struct ModelRegistry: Sendable {
    /// The registry folder.
    public let root: URL

    /// Called after each file is written into the staging folder (tests inject failures here).
    var afterWritingFile: (@Sendable (String) throws -> Void)?
    /// Whether a failed publish removes its staging folder (tests turn it off to mimic a crash).
    var removesStagingOnFailure = true

    /// A registry rooted at `path` (created on first publish).
    public init(root path: String) {
        root = URL(fileURLWithPath: path)
    }

    /// Checks a model name: `[A-Za-z0-9][A-Za-z0-9._-]*`, at most 100 characters.
    public static func checkName(_ name: String) throws(RegistryError) {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
        guard allowed, let first = name.utf8.first, first != 0x2E, first != 0x2D, first != 0x5F, name.utf8.count <= 100 else {
            throw .invalidName(name)
        }
    }

    // MARK: - Reading

    /// Model names in the registry, sorted.
    public func names() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return entries.filter { entry in
            (try? Self.checkName(entry)) != nil && !versions(of: entry).isEmpty
        }.sorted()
    }

    /// Published versions of `name`, ascending (staging folders and stray files ignored).
    public func versions(of name: String) -> [Int] {
        let folder = root.appendingPathComponent(name)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return entries.compactMap { entry in
            guard let number = Int(entry), number >= 1, String(number) == entry else { return nil }
            return number
        }.sorted()
    }

    /// The folder of a version.
    public func folder(name: String, version: Int) -> URL {
        root.appendingPathComponent(name).appendingPathComponent(String(version))
    }

    /// Resolves a reference to an existing version (the latest when none is given).
    public func resolve(_ reference: ModelReference) throws(RegistryError) -> Int {
        let known = versions(of: reference.name)
        guard let latest = known.last else {
            throw .unknownModel(name: reference.name, registry: root.path, known: names())
        }
        guard let version = reference.version else { return latest }
        guard known.contains(version) else { throw .unknownVersion(name: reference.name, version: version, known: known) }
        return version
    }

    /// Reads a version's manifest (no checksum check; see `load` and `verify`).
    public func manifest(_ reference: ModelReference) throws -> ModelManifest {
        let folder = folder(name: reference.name, version: try resolve(reference))
        let url = folder.appendingPathComponent("manifest.json")
        do {
            return try CanonicalJSON.decode(ModelManifest.self, from: Data(contentsOf: url))
        } catch {
            throw RegistryError.unreadable(path: url.path, reason: "\(error)")
        }
    }

    /// Loads a version: reads the manifest, checks `model.json` against its SHA-256, decodes
    /// it as plain JSON and validates it. Nothing in the files is executed.
    public func load(_ reference: ModelReference) throws -> LoadedModel {
        let version = try resolve(reference)
        let folder = folder(name: reference.name, version: version)
        let manifest = try manifest(ModelReference(name: reference.name, version: version))
        let modelURL = folder.appendingPathComponent("model.json")
        let data: Data
        do { data = try Data(contentsOf: modelURL) } catch {
            throw RegistryError.unreadable(path: modelURL.path, reason: "\(error.localizedDescription)")
        }
        let digest = Self.sha256(data)
        guard digest == manifest.modelSHA256 else {
            throw RegistryError.checksumMismatch(path: modelURL.path, expected: manifest.modelSHA256, actual: digest)
        }
        let artifact = try Self.decodeArtifact(data, path: modelURL.path)
        return LoadedModel(path: folder.path, manifest: manifest, artifact: artifact)
    }

    /// Decodes and validates `model.json` bytes.
    public static func decodeArtifact(_ data: Data, path: String) throws -> ModelArtifact {
        let artifact: ModelArtifact
        do { artifact = try CanonicalJSON.decode(ModelArtifact.self, from: data) } catch {
            throw RegistryError.unreadable(path: path, reason: "not a workbench-model/1 JSON document (\(error))")
        }
        try artifact.validate()
        return artifact
    }

    /// Re-hashes every file of a version and re-validates the model.
    ///
    /// Checks: `SHA256SUMS` lists `manifest.json` and every file in the manifest, each hash
    /// matches; the manifest decodes; `model_sha256` and each `files` entry (hash and size)
    /// match; `model.json` validates; no unlisted files are present. O(total bytes).
    public func verify(_ reference: ModelReference) throws(RegistryError) -> VerificationReport {
        let version = try resolve(reference)
        let folder = folder(name: reference.name, version: version)
        var problems: [String] = []
        var verified: [String] = []
        func read(_ name: String) -> Data? {
            do { return try Data(contentsOf: folder.appendingPathComponent(name)) } catch {
                problems.append("\(name) is missing or unreadable")
                return nil
            }
        }
        var sums: [String: String] = [:]
        if let data = read("SHA256SUMS") {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                if line.isEmpty { continue }
                let pieces = line.split(separator: " ", maxSplits: 1)
                guard pieces.count == 2, pieces[0].count == 64, pieces[1].hasPrefix(" "),
                      pieces[0].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                    problems.append("SHA256SUMS has a malformed line: \"\(line.prefix(80))\"")
                    continue
                }
                sums[String(pieces[1].dropFirst())] = String(pieces[0])
            }
        }
        var manifest: ModelManifest?
        if let data = read("manifest.json") {
            do { manifest = try CanonicalJSON.decode(ModelManifest.self, from: data) } catch {
                problems.append("manifest.json does not decode: \(error)")
            }
        }
        var expected = Set(["manifest.json", "SHA256SUMS"])
        if let manifest {
            for entry in manifest.files { expected.insert(entry.path) }
            if !manifest.files.contains(where: { $0.path == "model.json" }) { problems.append("manifest.json does not list model.json") }
        }
        for name in expected.sorted() where name != "SHA256SUMS" {
            guard let data = read(name) else { continue }
            let digest = Self.sha256(data)
            var fileOK = true
            if let listed = sums[name] {
                if listed != digest { problems.append("\(name): SHA-256 \(digest) differs from SHA256SUMS (\(listed))"); fileOK = false }
            } else {
                problems.append("\(name) is not listed in SHA256SUMS"); fileOK = false
            }
            if let manifest, let entry = manifest.files.first(where: { $0.path == name }) {
                if entry.sha256 != digest || entry.bytes != data.count {
                    problems.append("\(name): SHA-256 \(digest) (\(data.count) bytes) differs from manifest.json (\(entry.sha256), \(entry.bytes) bytes)")
                    fileOK = false
                }
            }
            if name == "model.json" {
                if let manifest, manifest.modelSHA256 != digest {
                    problems.append("model.json: SHA-256 \(digest) differs from model_sha256 \(manifest.modelSHA256)"); fileOK = false
                }
                do { _ = try Self.decodeArtifact(data, path: name) } catch {
                    problems.append("model.json does not load: \(error)"); fileOK = false
                }
            }
            if fileOK { verified.append(name) }
        }
        for name in sums.keys.sorted() where !expected.contains(name) {
            problems.append("SHA256SUMS lists \(name), which the manifest does not")
        }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in present.sorted() where !expected.contains(name) {
            problems.append("unexpected file \(name) in the version folder")
        }
        if let manifest, manifest.name != reference.name || manifest.version != version {
            problems.append("manifest.json names \(manifest.name)@\(manifest.version) but sits in \(reference.name)/\(version)")
        }
        return VerificationReport(path: folder.path, verifiedFiles: verified, problems: problems)
    }

    // MARK: - Writing

    /// Publishes a draft as the next version of its name and returns the version folder.
    ///
    /// - Throws: `RegistryError.invalidName`, `.versionExists`, `.writeFailed`; on any error no
    ///   version folder appears.
    @discardableResult
    public func publish(_ draft: ModelDraft, createdAt: Date = Date()) throws -> (version: Int, path: String) {
        try Self.checkName(draft.name)
        let modelFolder = root.appendingPathComponent(draft.name)
        do {
            try FileManager.default.createDirectory(at: modelFolder, withIntermediateDirectories: true)
        } catch {
            throw RegistryError.writeFailed(path: modelFolder.path, reason: error.localizedDescription)
        }
        let lock = try FileLock(path: modelFolder.appendingPathComponent(".lock").path)
        defer { lock.release() }

        let counterURL = modelFolder.appendingPathComponent(".last-version")
        let lastRecorded = (try? String(contentsOf: counterURL, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        let version = max(lastRecorded, versions(of: draft.name).last ?? 0) + 1
        let target = folder(name: draft.name, version: version)
        guard !FileManager.default.fileExists(atPath: target.path) else { throw RegistryError.versionExists(path: target.path) }

        // Build every file's bytes first, so a rendering error cannot leave a partial folder.
        let modelData = try CanonicalJSON.encode(draft.artifact)
        let modelDigest = Self.sha256(modelData)
        let milliseconds = Int64((createdAt.timeIntervalSince1970 * 1000).rounded(.down))
        var manifest = ModelManifest(
            name: draft.name, version: version, createdAt: ISO8601.format(milliseconds: milliseconds - milliseconds % 1000),
            modelType: draft.artifact.modelType, modelSHA256: modelDigest,
            files: [.init(path: "model.json", sha256: modelDigest, bytes: modelData.count)],
            trainingData: draft.trainingData, hyperparameters: draft.hyperparameters, featureSchema: draft.featureSchema,
            validationMetrics: draft.validationMetrics, decisionPolicy: draft.decisionPolicy, importedFrom: draft.importedFrom)
        var files: [(name: String, contents: Data)] = [("model.json", modelData)]
        for extra in draft.renderFiles(manifest) where !["model.json", "manifest.json", "SHA256SUMS"].contains(extra.name) {
            files.append(extra)
            manifest.files.append(.init(path: extra.name, sha256: Self.sha256(extra.contents), bytes: extra.contents.count))
        }
        let manifestData = try CanonicalJSON.encodePretty(manifest)
        files.append(("manifest.json", manifestData))
        let sums = files.map { "\(Self.sha256($0.contents))  \($0.name)\n" }.sorted { $0.dropFirst(66) < $1.dropFirst(66) }.joined()
        files.append(("SHA256SUMS", Data(sums.utf8)))

        let staging = modelFolder.appendingPathComponent(".staging-\(version)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                try Self.writeDurably(file.contents, to: staging.appendingPathComponent(file.name))
                try afterWritingFile?(file.name)
            }
            try Self.syncDirectory(staging)
            guard rename(staging.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                if errno == EEXIST || errno == ENOTEMPTY { throw RegistryError.versionExists(path: target.path) }
                throw RegistryError.writeFailed(path: target.path, reason: reason)
            }
            try Self.syncDirectory(modelFolder)
        } catch {
            if removesStagingOnFailure { try? FileManager.default.removeItem(at: staging) }
            if let registryError = error as? RegistryError { throw registryError }
            throw RegistryError.writeFailed(path: target.path, reason: "\(error)")
        }
        // After the rename: a crash before this line leaves a complete version whose number
        // `versions(of:)` still sees, so it is not reused either.
        try? Self.writeDurably(Data("\(version)\n".utf8), to: counterURL)
        return (version, target.path)
    }

    // MARK: - Helpers

    /// Lowercase hex SHA-256.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Writes `data` to a new file and fsyncs it.
    static func writeDurably(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw RegistryError.writeFailed(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw RegistryError.writeFailed(path: url.path, reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw RegistryError.writeFailed(path: url.path, reason: String(cString: strerror(errno))) }
    }

    /// fsyncs a directory so a rename or file creation in it is durable.
    static func syncDirectory(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw RegistryError.writeFailed(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw RegistryError.writeFailed(path: url.path, reason: String(cString: strerror(errno))) }
    }
}
