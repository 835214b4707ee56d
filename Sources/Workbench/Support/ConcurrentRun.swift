#if canImport(Glibc)
import Glibc
#endif

/// Runs `background` on a new thread while `foreground` runs on the calling thread, and returns
/// once both have finished. Both closures may touch state the caller owns: the call does not
/// return before the background thread has ended.
///
/// Returns false, having run neither closure, when the system cannot start a thread; the
/// caller then does the work on one thread.
func runConcurrently(background: () -> Void, foreground: () -> Void) -> Bool {
    withoutActuallyEscaping(background) { background in
        let work = Unmanaged.passRetained(BackgroundWork(background))
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<BackgroundWork>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, work.toOpaque())
        guard created == 0 else {
            work.release()
            return false
        }
        foreground()
        pthread_join(thread, nil)
        return true
    }
}

/// The closure a background thread runs (boxed to cross `pthread_create`'s C boundary).
private final class BackgroundWork: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
