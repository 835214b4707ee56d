#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock (`flock`) on a file, held until `release()`: serialises
/// version allocation between concurrent `workbench train` processes.
struct FileLock {
    private let descriptor: Int32

    /// Opens (creating) `path` and blocks until the exclusive lock is held.
    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw RegistryError.writeFailed(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw RegistryError.writeFailed(path: path, reason: "cannot lock: \(reason)")
        }
    }

    /// Releases the lock and closes the file.
    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
